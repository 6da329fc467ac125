/**
 * The checkout's calculator: digits, decimal mark, back and clear on big buttons for a
 * touch screen or mouse, and "Full balance". Keyboard users type in the amount field
 * instead, so the keys are left out of the Tab order. While the balance is filled in
 * (`fresh`), the first key starts a new amount, as typing over the selected field does.
 */
const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00', '.'] as const;

export function Calculator({ value, fresh, onChange, onFull }: { value: string; fresh: boolean; onChange: (next: string) => void; onFull: () => void }) {
  const press = (key: string) => {
    const base = fresh ? '' : value;
    if (key === '.' && base.includes('.')) return;
    onChange(base === '0' && key !== '.' ? key : base + key);
  };
  return (
    <div className="calculator" role="group" aria-label="Calculator">
      {KEYS.map((k) => (
        <button key={k} type="button" tabIndex={-1} className="calculator__key" onClick={() => press(k)}>{k}</button>
      ))}
      <button type="button" tabIndex={-1} className="calculator__key" aria-label="Delete last digit" onClick={() => onChange(value.slice(0, -1))}>⌫</button>
      <button type="button" tabIndex={-1} className="calculator__key" aria-label="Clear amount" onClick={() => onChange('')}>C</button>
      <button type="button" tabIndex={-1} className="calculator__key calculator__key--wide" onClick={onFull}>Full balance</button>
    </div>
  );
}
