/** A booking opened from the calendar: who, what, when, and its invoice. */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { routeHref } from '../../app/router.js';
import { useLiveDocument } from '../../data/live-query.js';
import { BILLING_LABELS } from '../../../shared/domain/billing.js';
import { clientName } from '../../../shared/domain/clients.js';
import { Dialog } from '../../ui/Dialog.js';
import { formatDateTime, formatTime } from '../../ui/format.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { BookingActions } from './BookingActions.js';

export function BookingDetailsDialog({ bookingId, onClose }: { bookingId: string; onClose: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const booking = useLiveDocument(() => db.bookings.findOne(bookingId), [db, bookingId]);
  const client = useLiveDocument(() => (booking ? db.clients.findOne(booking.clientId) : null), [db, booking?.clientId]);
  const service = useLiveDocument(() => (booking ? db.services.findOne(booking.serviceId) : null), [db, booking?.serviceId]);
  const practitioner = useLiveDocument(() => (booking ? db.staff.findOne(booking.practitionerId) : null), [db, booking?.practitionerId]);
  const [invoiceOpen, setInvoiceOpen] = useState<string | null>(null);

  if (!booking) return <Dialog title="Booking" onClose={onClose}><p role="status">{booking === null ? 'This booking no longer exists.' : 'Loading…'}</p></Dialog>;
  if (invoiceOpen) return <InvoiceDialog invoiceId={invoiceOpen} onClose={() => setInvoiceOpen(null)} />;
  return (
    <Dialog
      title="Booking"
      onClose={onClose}
      footer={booking.invoiceId ? <button type="button" className="button button--primary" onClick={() => setInvoiceOpen(booking.invoiceId)}>Open invoice</button> : undefined}
    >
      <dl className="details">
        <dt>Client</dt>
        <dd>{client ? <a href={routeHref({ name: 'client', id: client.id, tab: 'invoices' })} onClick={onClose}>{clientName(client)}</a> : '…'}</dd>
        <dt>When</dt><dd>{formatDateTime(booking.start, settings)}–{formatTime(booking.end, settings)}</dd>
        <dt>Service</dt><dd>{service?.name ?? '…'}</dd>
        <dt>Practitioner</dt><dd>{practitioner?.name ?? '…'}</dd>
        <dt>Invoicing</dt><dd>{BILLING_LABELS[booking.billing]}{booking.billingChosen ? ' (chosen for this booking)' : ' (clinic default)'}</dd>
        {booking.status === 'cancelled' && <><dt>Status</dt><dd>Cancelled</dd></>}
      </dl>
      <BookingActions booking={booking} onInvoice={setInvoiceOpen} />
    </Dialog>
  );
}
