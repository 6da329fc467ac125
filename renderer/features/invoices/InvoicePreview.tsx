/**
 * The invoice as the client will see it. While it is a draft it carries a
 * "Preview" label: no number, no invoice date, still editable (issue 4 adds editing).
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { completeInvoice } from '../../../shared/db/invoice-commands.js';
import { invoiceNumberLabel } from '../../../shared/domain/invoice-completion.js';
import { hasPermission } from '../../../shared/domain/permissions.js';
import { useLiveDocument, useLiveQuery } from '../../data/live-query.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceTotals, lineTotals } from '../../../shared/domain/invoice-math.js';
import { INVOICE_STATE_LABELS, paidOn, summarizeInvoice } from '../../../shared/domain/invoice-status.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import { Dialog } from '../../ui/Dialog.js';
import { formatInstantDate, formatLocalDay, money } from '../../ui/format.js';

export function InvoicePreviewDialog({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const { db, syncConfig } = useDesk();
  const settings = useSettings();
  const { staff } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invoice = useLiveDocument(() => db.invoices.findOne(invoiceId), [db, invoiceId]);
  const client = useLiveDocument(() => (invoice ? db.clients.findOne(invoice.clientId) : null), [db, invoice?.clientId]);
  const booking = useLiveDocument(() => (invoice?.bookingId ? db.bookings.findOne(invoice.bookingId) : null), [db, invoice?.bookingId]);
  const payments = useLiveQuery(() => db.payments.find({ selector: { invoiceId } }), [db, invoiceId]);

  if (invoice === undefined) return <Dialog title="Invoice" onClose={onClose}><p role="status">Loading…</p></Dialog>;
  if (invoice === null) return <Dialog title="Invoice" onClose={onClose}><p role="alert">This invoice no longer exists.</p></Dialog>;

  const isDraft = invoice.status === 'draft';
  const totals = invoiceTotals(invoice.lines);
  const summary = summarizeInvoice(invoice, paidOn(invoice.id, payments ?? []));
  const cur = invoice.currency;
  const title = isDraft ? 'Draft invoice' : `Invoice ${invoice.number > 0 ? invoice.number : '(number pending)'}`;
  const canComplete = isDraft && hasPermission(staff.roles, 'billing');
  const complete = () => {
    setBusy(true);
    setError(null);
    completeInvoice(db, invoice.id, { synced: syncConfig !== null, actor: staff.id })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={canComplete ? <button type="button" className="button button--primary" onClick={complete} disabled={busy}>Complete invoice</button> : undefined}
    >
      {error && <p className="form-error" role="alert">{error}</p>}
      <article className="invoice" aria-label="Invoice preview">
        {isDraft && <p className="invoice__preview-label" data-testid="preview-label">Preview</p>}
        <div className="invoice__parties">
          <div>
            <h3>From</h3>
            <p><strong>{settings.displayName}</strong></p>
            {settings.address && <p>{settings.address}</p>}
            {settings.organisationNumber && <p>Org. no. {settings.organisationNumber}</p>}
          </div>
          <div>
            <h3>To</h3>
            <p><strong>{client ? clientName(client) : '…'}</strong></p>
            {client?.email && <p>{client.email}</p>}
          </div>
          <dl className="invoice__meta">
            <dt>Invoice no.</dt><dd data-testid="invoice-number">{invoiceNumberLabel(invoice)}</dd>
            <dt>Invoice date</dt><dd>{invoice.invoiceDate ? formatLocalDay(invoice.invoiceDate, settings.locale) : '—'}</dd>
            <dt>Due date</dt><dd>{invoice.dueDate ? formatLocalDay(invoice.dueDate, settings.locale) : '—'}</dd>
            {booking && <><dt>Appointment</dt><dd>{formatInstantDate(booking.start, settings)}</dd></>}
            <dt>Status</dt><dd><span className={`badge badge--${summary.state}`}>{INVOICE_STATE_LABELS[summary.state]}</span></dd>
          </dl>
        </div>
        <table className="table invoice__lines">
          <caption className="visually-hidden">Invoice lines</caption>
          <thead>
            <tr>
              <th scope="col">Description</th><th scope="col" className="num">Qty</th><th scope="col" className="num">Unit price</th>
              <th scope="col" className="num">Discount</th><th scope="col" className="num">VAT</th><th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => {
              const t = lineTotals(line);
              return (
                <tr key={line.id}>
                  <td>{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{money(line.unitPriceMinor, cur, settings)}</td>
                  <td className="num">{t.discountMinor > 0 ? money(-t.discountMinor, cur, settings) : '—'}</td>
                  <td className="num">{formatVatRate(line.vatRateBp, settings.locale)}</td>
                  <td className="num">{money(t.grossMinor, cur, settings)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            {totals.byRate.map((g) => (
              <tr key={g.vatRateBp} className="invoice__vat-row">
                <td colSpan={5}>VAT {formatVatRate(g.vatRateBp, settings.locale)} of {money(g.netMinor, cur, settings)}</td>
                <td className="num">{money(g.vatMinor, cur, settings)}</td>
              </tr>
            ))}
            <tr className="invoice__total">
              <th scope="row" colSpan={5}>Total</th>
              <td className="num" data-testid="invoice-total">{money(totals.totalMinor, cur, settings)}</td>
            </tr>
            {summary.paidMinor !== 0 && (
              <tr><td colSpan={5}>Paid</td><td className="num">{money(summary.paidMinor, cur, settings)}</td></tr>
            )}
          </tfoot>
        </table>
      </article>
    </Dialog>
  );
}
