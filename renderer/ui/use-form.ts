/** Form state with one refusal at a time, shown on the field it names. */
import { useState } from 'react';
import { RefusedError } from '../../shared/domain/result.js';

export interface FormError {
  message: string;
  field: string | undefined;
}

export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);

  const bind = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  /** Runs a save; a refusal is shown on its field (and focused), anything else as a form error. */
  async function submit(save: (values: T) => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await save(values);
      return true;
    } catch (err) {
      const field = err instanceof RefusedError ? err.field : undefined;
      setError({ message: err instanceof Error ? err.message : String(err), field });
      if (field) queueMicrotask(() => document.querySelector<HTMLElement>(`[name="${field}"]`)?.focus());
      return false;
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);
  // A refusal about something that is not a field of this form is shown for the whole form.
  const formError = error && (!error.field || !(error.field in values)) ? error.message : null;
  return { values, setValues, bind, submit, busy, error, fieldError, formError, setError };
}
