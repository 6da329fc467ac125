/** The sidebar's notifications: payments by link, newest first, with an unread count. */
import { useId, useState } from 'react';
import { useT } from '../../app/language.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { usePaymentNotifications } from './use-payment-notifications.js';

export function NotificationsButton() {
  const { t, dateTime } = useT();
  const { items, unread, markSeen } = usePaymentNotifications();
  const [open, setOpen] = useState(false);
  const [invoice, setInvoice] = useState<string | null>(null);
  const listId = useId();
  if (items.length === 0) return null;
  return (
    <div className="notifications">
      <button type="button" className="link-button notifications__button" aria-expanded={open} aria-controls={listId}
        onClick={() => { setOpen(!open); if (!open) markSeen(); }}>
        {t('notify.button')}{unread > 0 && <span className="notifications__count" aria-label={t('notify.unread', { count: unread })}>{unread}</span>}
      </button>
      {open && (
        <ul className="notifications__list" id={listId} aria-label={t('notify.list')}>
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className="notifications__item" onClick={() => setInvoice(n.invoiceId)}>
                <strong>{n.clientName ?? t('notify.aClient')}</strong>{n.invoiceNumber > 0 && t('notify.invoice', { number: String(n.invoiceNumber) })}
                <span>{t(n.summary)}</span>
                <time dateTime={n.at}>{dateTime(n.at)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {invoice && <InvoiceDialog invoiceId={invoice} onClose={() => setInvoice(null)} />}
    </div>
  );
}
