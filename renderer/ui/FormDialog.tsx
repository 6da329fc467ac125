/**
 * A dialog holding one form: Cancel and the submit button in the dialog's footer, tied to
 * the form by its id, so Enter in any field and the button submit alike. The button says
 * "Saving…" (common.saving, or its busy label) while the form is busy. The first field has focus on opening.
 */
import { useId, type ReactNode } from 'react';
import { useT } from '../app/language.js';
import { Dialog } from './Dialog.js';

interface FormDialogProps {
  title: ReactNode;
  onClose: () => void;
  /** The submit button's label, e.g. "Save billing settings". */
  submitLabel: string;
  busy: boolean;
  /** The button's label while busy; "Saving…" (common.saving) unless given. */
  busyLabel?: string;
  /** Blocks submitting for another reason than being busy (e.g. an overlap to confirm first). */
  submitDisabled?: boolean;
  /** The form's accessible name; omitted when the dialog's title names it. */
  formLabel?: string;
  formClassName?: string;
  onSubmit: () => void;
  children: ReactNode;
}

export function FormDialog({ title, onClose, submitLabel, busy, busyLabel, submitDisabled, formLabel, formClassName, onSubmit, children }: FormDialogProps) {
  const formId = useId();
  const { t } = useT();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      focusFirstField
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form={formId} className="button button--primary" disabled={busy || submitDisabled}>
            {busy ? busyLabel ?? t('common.saving') : submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className={formClassName} noValidate aria-label={formLabel} onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
        {children}
      </form>
    </Dialog>
  );
}
