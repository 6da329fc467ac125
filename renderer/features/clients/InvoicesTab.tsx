/**
 * A client's invoices: Active (still expecting money) and Settled (paid, credited,
 * voided, or externally billed bookings), each with its payment link's state when it has
 * one. Opening one shows the invoice pop-up; an externally billed booking offers "Create invoice".
 */
import { useMemo, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useLiveQuery } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { createInvoiceForBooking } from '../../../shared/db/invoice-commands.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';
import { BILLING_LABELS } from '../../../shared/domain/billing.js';
import { useT } from '../../app/language.js';
import { shownInvoiceState, type ShownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from '../invoices/ShownStateBadge.js';
import type { CurrencyCode } from '../../../shared/domain/money.js';
import { errorText } from '../../ui/errors.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { currentRequest, linkStateText, requestPurposeText } from '../payment-links/link-labels.js';
import { useInvoicesPaymentRequests } from '../payment-links/use-payment-requests.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';

const DASH = '—';

interface Row {
  key: string;
  invoiceId: string | null;
  bookingId: string | null;
  date: string;
  description: string;
  /** What it asks for now (balance), or the total once settled; null for external bookings. */
  amountMinor: number | null;
  currency: CurrencyCode;
  state: ShownInvoiceState | 'external';
  bucket: 'active' | 'settled';
  /** The payment link or chasing step that speaks for the invoice now, if any. */
  link: PaymentRequestDoc | undefined;
}

export function InvoicesTab({ clientId }: { clientId: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const translator = useT();
  const { t } = translator;
  const actor = useDeskActor();
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const money$ = useClientMoney(db, clientId);
  const requests = useInvoicesPaymentRequests(db, money$?.invoices.map((inv) => inv.id));
  const bookings = useLiveQuery(() => db.bookings.find({ selector: { clientId }, sort: [{ clientId: 'asc' }, { start: 'desc' }] }), [db, clientId]);

  const rows = useMemo<Row[] | null>(() => {
    if (!money$ || !bookings || !requests) return null;
    const bookingById = new Map(bookings.map((b) => [b.id, b]));
    const requestsByInvoice = new Map<string, PaymentRequestDoc[]>();
    for (const r of requests) {
      const list = requestsByInvoice.get(r.invoiceId);
      if (list) list.push(r);
      else requestsByInvoice.set(r.invoiceId, [r]);
    }
    const out: Row[] = money$.invoices.map((inv) => {
      const acc = money$.account.accounts.get(inv.id)!;
      const booking = inv.bookingId ? bookingById.get(inv.bookingId) : undefined;
      const description = inv.lines[0]?.description ?? t('invoiceUi.invoice');
      const label = inv.kind === 'credit_note' ? t('invoiceUi.creditNoteTitle', { number: invoiceNumberInTextOf(inv) })
        : inv.number > 0 ? t('clients.invoices.numbered', { number: String(inv.number), description }) : description;
      return {
        key: inv.id, invoiceId: inv.id, bookingId: null, date: booking?.start ?? inv.createdAt, description: label,
        amountMinor: acc.bucket === 'active' && inv.status !== 'draft' ? acc.balanceMinor : acc.totalMinor, currency: inv.currency,
        state: shownInvoiceState(acc, requestsByInvoice.get(inv.id) ?? []), bucket: acc.bucket, link: currentRequest(requestsByInvoice.get(inv.id) ?? []),
      };
    });
    for (const b of bookings) {
      if (b.billing !== 'external' || b.status === 'cancelled' || b.invoiceId) continue;
      out.push({ key: b.id, invoiceId: null, bookingId: b.id, date: b.start, description: t('clients.invoices.booking'), amountMinor: null, currency: settings.currency, state: 'external', bucket: 'settled', link: undefined });
    }
    return out.sort((a, b) => (a.date < b.date ? 1 : -1));
  }, [money$, bookings, requests, settings.currency, t]);

  if (!rows) return <p role="status">{t('clients.invoices.loading')}</p>;
  const createInvoice = (bookingId: string) => {
    setError(null);
    createInvoiceForBooking(db, bookingId, actor).then((inv) => setOpen(inv.id), (err: unknown) => setError(errorText(err, translator)));
  };
  return (
    <div className="invoice-lists">
      {error && <p className="form-error" role="alert">{error}</p>}
      <InvoiceList bucket="active" title={t('clients.invoices.active')} rows={rows.filter((r) => r.bucket === 'active')} empty={t('clients.invoices.noActive')} onOpen={setOpen} onCreate={createInvoice} />
      <InvoiceList bucket="settled" title={t('clients.invoices.settled')} rows={rows.filter((r) => r.bucket === 'settled')} empty={t('clients.invoices.noneSettled')} onOpen={setOpen} onCreate={createInvoice} />
      {open && <InvoiceDialog invoiceId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

interface ListProps { bucket: Row['bucket']; title: string; rows: Row[]; empty: string; onOpen: (id: string) => void; onCreate: (bookingId: string) => void }

function InvoiceList({ bucket, title, rows, empty, onOpen, onCreate }: ListProps) {
  const { t } = useT();
  const id = `invoices-${bucket}`;
  return (
    <section aria-labelledby={id} className="invoice-list">
      <h2 id={id}>{title} <span className="count">{rows.length}</span></h2>
      {rows.length === 0 ? <p className="muted">{empty}</p> : (
        <ul className="rows">
          {rows.map((r) => (
            <li key={r.key}>
              {r.invoiceId ? (
                <button type="button" className="row-button" onClick={() => onOpen(r.invoiceId!)}>
                  <RowContent row={r} />
                </button>
              ) : (
                <div className="row-button row-button--static">
                  <RowContent row={r} />
                  <button type="button" className="button button--small" onClick={() => onCreate(r.bookingId!)}>{t('invoiceUi.createInvoice')}</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RowContent({ row }: { row: Row }) {
  const translator = useT();
  const { t, money, instantDate } = translator;
  return (
    <>
      <span className="row__date">{instantDate(row.date)}</span>
      <span className="row__desc">
        {row.description}
        {row.link && (
          <span className="row__link" data-testid="row-link">
            {requestPurposeText(row.link, translator)} <span className={`badge badge--link-${row.link.status}`}>{linkStateText(row.link, translator)}</span>
          </span>
        )}
      </span>
      {row.state === 'external' ? <span className="badge badge--external">{t(BILLING_LABELS.external)}</span> : <ShownStateBadge state={row.state} />}
      <span className="row__amount">{row.amountMinor === null ? DASH : money(row.amountMinor, row.currency)}</span>
    </>
  );
}
