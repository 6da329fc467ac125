/**
 * Date and time fields in the reader's formats (renderer/ui/date-input.ts says why not Chromium's
 * own). The value stays what forms keep: a LocalDate ("2026-12-02") and "HH:MM"; what cannot be
 * read yet is passed on as typed, so the form's rule refuses it in words. ArrowUp and ArrowDown
 * step a day, or the field's `step` in minutes.
 */
import { useCallback, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { addDays } from '../../shared/domain/time.js';
import { useT } from '../app/language.js';
import { datePattern, formatDateInput, formatTimeInput, parseDateInput, parseTimeInput, stepTime } from './date-input.js';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'step'>;

interface FieldProps extends InputProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** Keeps the typed text while it means the value; shows the value anew when it changes from outside or the locale does. */
function useTyped(value: string, format: (v: string) => string, parse: (typed: string) => string | null) {
  const [typed, setTyped] = useState(() => format(value));
  const [shown, setShown] = useState({ value, format });
  // React's pattern for state that follows a prop: adjusted while rendering, not in an effect.
  if (shown.value !== value || shown.format !== format) {
    setShown({ value, format });
    if (parse(typed) !== value && typed !== value) setTyped(format(value));
  }
  return [typed, setTyped] as const;
}

interface TypedFieldProps extends FieldProps {
  readonly format: (value: string) => string;
  readonly parse: (typed: string) => string | null;
  /** The value one ArrowUp (+1) or ArrowDown (-1) away from `current`. */
  readonly step: (current: string, direction: 1 | -1) => string;
  readonly placeholder: string;
  readonly size: number;
}

/** A text input that shows `value` formatted, passes on what it reads, and steps with the arrow keys. */
function TypedField({ value, onChange, onKeyDown, format, parse, step, ...rest }: TypedFieldProps) {
  const [typed, setTyped] = useTyped(value, format, parse);
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(e);
    const current = parse(typed);
    if (!current || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const next = step(current, e.key === 'ArrowUp' ? 1 : -1);
    setTyped(format(next));
    onChange(next);
  };
  return (
    <input
      {...rest}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={typed}
      // The value the form holds (a LocalDate, "HH:MM"), whatever the field shows: for tests and tools.
      data-value={value}
      onKeyDown={keys}
      onChange={(e) => {
        setTyped(e.target.value);
        const text = e.target.value.trim();
        onChange(text === '' ? '' : (parse(text) ?? text));
      }}
      onBlur={(e) => { rest.onBlur?.(e); const v = parse(typed); if (v) setTyped(format(v)); }}
    />
  );
}

export function DateField(props: FieldProps) {
  const { t, locale } = useT();
  const format = useCallback((v: string) => formatDateInput(v, locale), [locale]);
  const parse = useCallback((typed: string) => parseDateInput(typed, locale), [locale]);
  const letters = { day: t('field.date.day'), month: t('field.date.month'), year: t('field.date.year') };
  const pattern = datePattern(locale);
  const placeholder = pattern.order.map((p) => letters[p]).join(pattern.separator);
  return <TypedField {...props} format={format} parse={parse} step={(d, by) => addDays(d, by)} placeholder={placeholder} size={11} />;
}

export function TimeField({ stepMinutes = 15, ...props }: FieldProps & { readonly stepMinutes?: number }) {
  const { t, locale } = useT();
  const format = useCallback((v: string) => formatTimeInput(v, locale), [locale]);
  return <TypedField {...props} format={format} parse={parseTimeInput} step={(v, by) => stepTime(v, by * stepMinutes)} placeholder={t('field.time.placeholder')} size={8} />;
}
