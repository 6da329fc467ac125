/**
 * A client's invoices: Active (still expecting money) and Settled (paid, voided or
 * externally billed bookings). Opening one shows its preview.
 */
import { useMemo, useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { INVOICE_STATE_LABELS, paidOn, summarizeInvoice, type InvoiceState } from '../../../shared/domain/invoice-status.js';
import type { CurrencyCode } from '../../../shared/domain/money.js';
import { formatInstantDate, money } from '../../ui/format.js';
import { InvoicePreviewDialog } from '../invoices/InvoicePreview.js';

interface Row {
  key: string;
  invoiceId: string | null;
  date: string;
  description: string;
  amountMinor: number | null;
  currency: CurrencyCode;
  state: InvoiceState | 'external';
  bucket: 'active' | 'settled';
}

export function InvoicesTab({ clientId }: { clientId: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const [open, setOpen] = useState<string | null>(null);
  const invoices = useLiveQuery(() => db.invoices.find({ selector: { clientId }, sort: [{ clientId: 'asc' }, { createdAt: 'desc' }] }), [db, clientId]);
  const bookings = useLiveQuery(() => db.bookings.find({ selector: { clientId }, sort: [{ clientId: 'asc' }, { start: 'desc' }] }), [db, clientId]);
  const payments = useLiveQuery(() => db.payments.find({ selector: { clientId } }), [db, clientId]);

  const rows = useMemo<Row[] | null>(() => {
    if (!invoices || !bookings || !payments) return null;
    const bookingById = new Map(bookings.map((b) => [b.id, b]));
    const out: Row[] = invoices.map((inv) => {
      const s = summarizeInvoice(inv, paidOn(inv.id, payments));
      const booking = inv.bookingId ? bookingById.get(inv.bookingId) : undefined;
      return {
        key: inv.id, invoiceId: inv.id, date: booking?.start ?? inv.createdAt,
        description: inv.lines[0]?.description ?? 'Invoice', amountMinor: s.totalMinor, currency: inv.currency, state: s.state, bucket: s.bucket,
      };
    });
    for (const b of bookings) {
      if (b.billing !== 'external' || b.status === 'cancelled') continue;
      out.push({ key: b.id, invoiceId: null, date: b.start, description: 'Booking', amountMinor: null, currency: settings.currency, state: 'external', bucket: 'settled' });
    }
    return out.sort((a, b) => (a.date < b.date ? 1 : -1));
  }, [invoices, bookings, payments, settings.currency]);

  if (!rows) return <p role="status">Loading invoices…</p>;
  const active = rows.filter((r) => r.bucket === 'active');
  const settled = rows.filter((r) => r.bucket === 'settled');
  return (
    <div className="invoice-lists">
      <InvoiceList title="Active" rows={active} empty="No active invoices." onOpen={setOpen} settings={settings} />
      <InvoiceList title="Settled" rows={settled} empty="Nothing settled yet." onOpen={setOpen} settings={settings} />
      {open && <InvoicePreviewDialog invoiceId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

type Clinic = ReturnType<typeof useSettings>;

function InvoiceList({ title, rows, empty, onOpen, settings }: { title: string; rows: Row[]; empty: string; onOpen: (id: string) => void; settings: Clinic }) {
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
                <div className="row-button row-button--static"><RowContent row={r} settings={settings} /></div>
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
      <span className="row__desc">{row.description}</span>
      <span className={`badge badge--${row.state}`}>{row.state === 'external' ? 'Externally billed' : INVOICE_STATE_LABELS[row.state]}</span>
      <span className="row__amount">{row.amountMinor === null ? '—' : money(row.amountMinor, row.currency, settings)}</span>
    </>
  );
}
