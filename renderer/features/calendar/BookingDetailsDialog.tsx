/** A booking opened from the calendar: who, what, when, and its invoice. */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { text } from '../../../shared/i18n/text.js';
import { routeHref } from '../../app/router.js';
import { useLiveDocument } from '../../data/live-query.js';
import { BILLING_LABELS } from '../../../shared/domain/billing.js';
import { clientName } from '../../../shared/domain/clients.js';
import { Dialog } from '../../ui/Dialog.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { BookingActions } from './BookingActions.js';

const EN_DASH = '–';
const ELLIPSIS = '…';

export function BookingDetailsDialog({ bookingId, onClose }: { bookingId: string; onClose: () => void }) {
  const { db } = useDesk();
  const { t, time, dateTime } = useT();
  const booking = useLiveDocument(() => db.bookings.findOne(bookingId), [db, bookingId]);
  const client = useLiveDocument(() => (booking ? db.clients.findOne(booking.clientId) : null), [db, booking?.clientId]);
  const service = useLiveDocument(() => (booking ? db.services.findOne(booking.serviceId) : null), [db, booking?.serviceId]);
  const practitioner = useLiveDocument(() => (booking ? db.staff.findOne(booking.practitionerId) : null), [db, booking?.practitionerId]);
  const [invoiceOpen, setInvoiceOpen] = useState<string | null>(null);

  if (!booking) return <Dialog title={t('bookingUi.details.title')} onClose={onClose}><p role="status">{booking === null ? t('bookingUi.details.gone') : t('common.loading')}</p></Dialog>;
  if (invoiceOpen) return <InvoiceDialog invoiceId={invoiceOpen} onClose={() => setInvoiceOpen(null)} />;
  return (
    <Dialog
      title={t('bookingUi.details.title')}
      onClose={onClose}
      footer={booking.invoiceId ? <button type="button" className="button button--primary" onClick={() => setInvoiceOpen(booking.invoiceId)}>{t('bookingUi.details.openInvoice')}</button> : undefined}
    >
      <dl className="details">
        <dt>{t('bookingUi.details.client')}</dt>
        <dd>{client ? <a href={routeHref({ name: 'client', id: client.id, tab: 'invoices' })} onClick={onClose}>{clientName(client)}</a> : ELLIPSIS}</dd>
        <dt>{t('bookingUi.details.when')}</dt><dd>{dateTime(booking.start)}{EN_DASH}{time(booking.end)}</dd>
        <dt>{t('bookingUi.service')}</dt><dd>{service?.name ?? ELLIPSIS}</dd>
        <dt>{t('bookingUi.practitioner')}</dt><dd>{practitioner?.name ?? ELLIPSIS}</dd>
        <dt>{t('bookingUi.invoicing')}</dt><dd>{t(booking.billingChosen ? 'bookingUi.details.billingChosen' : 'bookingUi.details.billingDefault', { mode: text(BILLING_LABELS[booking.billing]) })}</dd>
        {booking.status === 'cancelled' && <><dt>{t('bookingUi.details.status')}</dt><dd>{t('bookingUi.details.cancelled')}</dd></>}
      </dl>
      <BookingActions booking={booking} onInvoice={setInvoiceOpen} />
    </Dialog>
  );
}
