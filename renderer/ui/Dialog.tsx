/**
 * A modal dialog on the native <dialog> element: focus moves into it, Escape
 * closes it, and the page behind is inert. The browser would focus the first button,
 * the header's Close, so a dialog holding a form asks for its first field instead
 * (`focusFirstField`): typing then fills it, and Enter submits rather than closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../app/language.js';

interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  label?: string;
  focusFirstField?: boolean;
}

const FIELDS = ':is(input:not([type="hidden"]), select, textarea):not(:disabled)';
const CLOSE_MARK = '×';

export function Dialog({ title, onClose, children, footer, wide, label, focusFirstField }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useT();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      if (focusFirstField) dialog.querySelector<HTMLElement>(`.dialog__body ${FIELDS}`)?.focus();
    }
    return () => dialog?.close();
  }, [focusFirstField]);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>{CLOSE_MARK}</button>
      </header>
      <div className="dialog__body">{children}</div>
      {footer && <footer className="dialog__footer">{footer}</footer>}
    </dialog>
  );
}
