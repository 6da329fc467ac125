/**
 * The checkout's calculator: digits, decimal mark, back and clear on big buttons for a
 * touch screen or mouse, and "Full balance". Keyboard users type in the amount field
 * instead, so the keys are left out of the Tab order. While the balance is filled in
 * (`fresh`), the first key starts a new amount, as typing over the selected field does.
 * The decimal key is the reader's mark ("," in Norway), as the amount field shows it.
 */
import { useT } from '../../app/language.js';
import { decimalMark } from '../../ui/money-input.js';

const DIGIT_KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00'] as const;
const BACK_MARK = '⌫';
const CLEAR_MARK = 'C';

export function Calculator({ value, fresh, onChange, onFull }: { value: string; fresh: boolean; onChange: (next: string) => void; onFull: () => void }) {
  const { t, locale } = useT();
  const mark = decimalMark(locale);
  const keys = [...DIGIT_KEYS, mark];
  const press = (key: string) => {
    const base = fresh ? '' : value;
    if (key === mark && base.includes(mark)) return;
    onChange(base === '0' && key !== mark ? key : base + key);
  };
  return (
    <div className="calculator" role="group" aria-label={t('pos.calculator')}>
      {keys.map((k) => (
        <button key={k} type="button" tabIndex={-1} className="calculator__key" onClick={() => press(k)}>{k}</button>
      ))}
      <button type="button" tabIndex={-1} className="calculator__key" aria-label={t('pos.deleteDigit')} onClick={() => onChange(value.slice(0, -1))}>{BACK_MARK}</button>
      <button type="button" tabIndex={-1} className="calculator__key" aria-label={t('pos.clear')} onClick={() => onChange('')}>{CLEAR_MARK}</button>
      <button type="button" tabIndex={-1} className="calculator__key calculator__key--wide" onClick={onFull}>{t('pos.fullBalance')}</button>
    </div>
  );
}
