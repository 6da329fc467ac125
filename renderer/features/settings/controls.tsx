/**
 * The two controls the settings forms need beside Field: a checkbox and a group of
 * radio buttons (or checkboxes), each with its hint and refusal wired for screen readers
 * as Field does. `name` is the refusal's field, so useForm can focus the control.
 */
import { useId, type ReactNode } from 'react';

interface CheckboxProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string | undefined;
}

export function Checkbox({ name, label, checked, onChange, hint, error }: CheckboxProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="check">
        <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        <span>{label}</span>
      </label>
      {hint && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  help?: string;
}

interface ChoiceGroupProps<T extends string> {
  legend: string;
  name: string;
  choices: readonly Choice<T>[];
  /** One value for radio buttons; several for checkboxes. */
  selected: readonly T[];
  multiple?: boolean;
  onChange: (selected: T[]) => void;
  error?: string | undefined;
  children?: ReactNode;
}

export function ChoiceGroup<T extends string>({ legend, name, choices, selected, multiple, onChange, error, children }: ChoiceGroupProps<T>) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const pick = (value: T, on: boolean) => {
    if (!multiple) return onChange([value]);
    // Kept in the order offered, so the form reads the same way the card shows it.
    onChange(choices.map((c) => c.value).filter((v) => (v === value ? on : selected.includes(v))));
  };
  return (
    <fieldset className={`choice-group${error ? ' field--error' : ''}`} aria-describedby={errorId}>
      <legend>{legend}</legend>
      <div className="radio-list">
        {choices.map((c) => (
          <label key={c.value} className="radio">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              value={c.value}
              checked={selected.includes(c.value)}
              onChange={(e) => pick(c.value, e.target.checked)}
              aria-invalid={error ? true : undefined}
            />
            <span>{c.label}{c.help && <span className="radio__help">{c.help}</span>}</span>
          </label>
        ))}
      </div>
      {children}
      {error && <p className="field__error" id={errorId}>{error}</p>}
    </fieldset>
  );
}
