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
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';
import { shownInvoiceState, type ShownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from '../invoices/ShownStateBadge.js';
import type { CurrencyCode } from '../../../shared/domain/money.js';
import { errorText } from '../../ui/errors.js';
import { formatInstantDate, money } from '../../ui/format.js';
import { InvoiceDialog } from '../invoices/InvoiceDialog.js';
import { currentRequest, linkStateText, requestPurposeText } from '../payment-links/link-labels.js';
import { useInvoicesPaymentRequests } from '../payment-links/use-payment-requests.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';

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
      const label = inv.kind === 'credit_note' ? `Credit note ${invoiceNumberInText(inv)}` : `${inv.number > 0 ? `Invoice ${inv.number}: ` : ''}${inv.lines[0]?.description ?? 'Invoice'}`;
      return {
        key: inv.id, invoiceId: inv.id, bookingId: null, date: booking?.start ?? inv.createdAt, description: label,
        amountMinor: acc.bucket === 'active' && inv.status !== 'draft' ? acc.balanceMinor : acc.totalMinor, currency: inv.currency,
        state: shownInvoiceState(acc, requestsByInvoice.get(inv.id) ?? []), bucket: acc.bucket, link: currentRequest(requestsByInvoice.get(inv.id) ?? []),
      };
    });
    for (const b of bookings) {
      if (b.billing !== 'external' || b.status === 'cancelled' || b.invoiceId) continue;
      out.push({ key: b.id, invoiceId: null, bookingId: b.id, date: b.start, description: 'Booking', amountMinor: null, currency: settings.currency, state: 'external', bucket: 'settled', link: undefined });
    }
    return out.sort((a, b) => (a.date < b.date ? 1 : -1));
  }, [money$, bookings, requests, settings.currency]);

  if (!rows) return <p role="status">Loading invoices…</p>;
  const createInvoice = (bookingId: string) => {
    setError(null);
    createInvoiceForBooking(db, bookingId, actor).then((inv) => setOpen(inv.id), (err: unknown) => setError(errorText(err)));
  };
  return (
    <div className="invoice-lists">
      {error && <p className="form-error" role="alert">{error}</p>}
      <InvoiceList title="Active" rows={rows.filter((r) => r.bucket === 'active')} empty="No active invoices." onOpen={setOpen} onCreate={createInvoice} settings={settings} />
      <InvoiceList title="Settled" rows={rows.filter((r) => r.bucket === 'settled')} empty="Nothing settled yet." onOpen={setOpen} onCreate={createInvoice} settings={settings} />
      {open && <InvoiceDialog invoiceId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

type Clinic = ReturnType<typeof useSettings>;

interface ListProps { title: string; rows: Row[]; empty: string; onOpen: (id: string) => void; onCreate: (bookingId: string) => void; settings: Clinic }

function InvoiceList({ title, rows, empty, onOpen, onCreate, settings }: ListProps) {
  const id = `invoices-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="invoice-list">
      <h2 id={id}>{title} <span className="count">{rows.length}</span></h2>
      {rows.length === 0 ? <p className="muted">{empty}</p> : (
        <ul className="rows">
          {rows.map((r) => (
            <li key={r.key}>
              {r.invoiceId ? (
                <button type="button" className="row-button" onClick={() => onOpen(r.invoiceId!)}>
                  <RowContent row={r} settings={settings} />
                </button>
              ) : (
                <div className="row-button row-button--static">
                  <RowContent row={r} settings={settings} />
                  <button type="button" className="button button--small" onClick={() => onCreate(r.bookingId!)}>Create invoice</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RowContent({ row, settings }: { row: Row; settings: Clinic }) {
  return (
    <>
      <span className="row__date">{formatInstantDate(row.date, settings)}</span>
      <span className="row__desc">
        {row.description}
        {row.link && (
          <span className="row__link" data-testid="row-link">
            {requestPurposeText(row.link)} <span className={`badge badge--link-${row.link.status}`}>{linkStateText(row.link)}</span>
          </span>
        )}
      </span>
      {row.state === 'external' ? <span className="badge badge--external">Externally billed</span> : <ShownStateBadge state={row.state} />}
      <span className="row__amount">{row.amountMinor === null ? '—' : money(row.amountMinor, row.currency, settings)}</span>
    </>
  );
}
