/** Form state with one refusal at a time, shown on the field it names. */
import { useState } from 'react';
import { RefusedError } from '../../shared/domain/result.js';
import { textOfError } from '../../shared/i18n/error-text.js';
import type { Text } from '../../shared/i18n/text.js';
import { useT } from '../app/language.js';

/** A refusal, kept as a Text so it follows a change of the screen's language. */
export interface FormError {
  text: Text;
  field: string | undefined;
}

export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useT();

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
      setError({ text: textOfError(err), field });
      if (field) queueMicrotask(() => document.querySelector<HTMLElement>(`[name="${field}"]`)?.focus());
      return false;
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => (error?.field === name ? t(error.text) : undefined);
  // A refusal about something that is not a field of this form is shown for the whole form.
  const formError = error && (!error.field || !(error.field in values)) ? t(error.text) : null;
  return { values, setValues, bind, submit, busy, error, fieldError, formError, setError };
}
