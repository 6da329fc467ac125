/** The sidebar's notifications: payments by link, newest first, with an unread count. */
import { useId, useState } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { formatDateTime } from '../../ui/format.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { usePaymentNotifications } from './use-payment-notifications.js';

export function NotificationsButton() {
  const settings = useSettings();
  const { items, unread, markSeen } = usePaymentNotifications();
  const [open, setOpen] = useState(false);
  const [invoice, setInvoice] = useState<string | null>(null);
  const listId = useId();
  if (items.length === 0) return null;
  return (
    <div className="notifications">
      <button type="button" className="link-button notifications__button" aria-expanded={open} aria-controls={listId}
        onClick={() => { setOpen(!open); if (!open) markSeen(); }}>
        Payments received{unread > 0 && <span className="notifications__count" aria-label={`${unread} new`}>{unread}</span>}
      </button>
      {open && (
        <ul className="notifications__list" id={listId} aria-label="Payments received by link">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className="notifications__item" onClick={() => setInvoice(n.invoiceId)}>
                <strong>{n.clientName}</strong>{n.invoiceNumber > 0 ? `, invoice ${n.invoiceNumber}` : ''}
                <span>{n.summary}</span>
                <time dateTime={n.at}>{formatDateTime(n.at, settings)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {invoice && <InvoiceDialog invoiceId={invoice} onClose={() => setInvoice(null)} />}
    </div>
  );
}
