/**
 * The invoice (or credit note) as the client receives it, on screen and on paper: seller
 * and buyer, number, dates (invoice, service, due), each line, VAT per rate, total, and
 * what is paid and left. Presentational only; used by the invoice pop-up, the checkout and
 * the print view.
 */
import type { ClientDoc, ClinicSettingsDoc, InvoiceDoc, PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { invoiceNumberLabel } from '../../../shared/domain/invoice-completion.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceTotals, lineTotals } from '../../../shared/domain/invoice-math.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import { shownInvoiceState, type ShownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from './ShownStateBadge.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import { formatLocalDay, money } from '../../ui/format.js';

export interface InvoiceDocumentProps {
  invoice: InvoiceDoc;
  client: ClientDoc | null | undefined;
  settings: ClinicSettingsDoc;
  account: InvoiceAccount | undefined;
  /** For a credit note: the invoice it credits. */
  credited?: InvoiceDoc | null;
  /** Level of its title ("Invoice"); From/To are one below. 3 inside a dialog, 1 when it is the page (print). */
  headingLevel?: 1 | 2 | 3;
  /** Its payment requests and chasing steps: the state shown says *Ready for debt collection* once marked. */
  requests?: readonly Pick<PaymentRequestDoc, 'purpose' | 'status'>[];
}

export function InvoiceDocument({ invoice, client, settings, account, credited, headingLevel = 3, requests = [] }: InvoiceDocumentProps) {
  const Title = `h${headingLevel}` as const;
  const Part = `h${headingLevel + 1}` as 'h2' | 'h3' | 'h4';
  const isDraft = invoice.status === 'draft';
  const isCreditNote = invoice.kind === 'credit_note';
  const totals = invoiceTotals(invoice.lines);
  const cur = invoice.currency;
  const m = (minor: number) => money(minor, cur, settings);
  const day = (d: string) => (d ? formatLocalDay(d, settings.locale) : '—');
  return (
    <article className="invoice" aria-label={isCreditNote ? 'Credit note' : isDraft ? 'Invoice preview' : 'Invoice'}>
      {isDraft && <p className="invoice__preview-label" data-testid="preview-label">Preview</p>}
      {invoice.status === 'void' && <p className="invoice__preview-label invoice__void-label">Void</p>}
      <Title className="invoice__kind">{isCreditNote ? 'Credit note' : 'Invoice'}</Title>
      <div className="invoice__parties">
        <div>
          <Part>From</Part>
          <p><strong>{settings.clinicName}</strong></p>
          {settings.address && <p>{settings.address}</p>}
          {settings.organisationNumber && <p>Org. no. {settings.organisationNumber}</p>}
          {settings.supportEmail && <p>{settings.supportEmail}</p>}
        </div>
        <div>
          <Part>To</Part>
          <p><strong>{client ? clientName(client) : '…'}</strong></p>
          {client?.address && <p>{client.address}</p>}
          {client?.email && <p>{client.email}</p>}
        </div>
        <dl className="invoice__meta">
          <dt>{isCreditNote ? 'Credit note no.' : 'Invoice no.'}</dt><dd data-testid="invoice-number">{invoiceNumberLabel(invoice)}</dd>
          {isCreditNote && credited && <><dt>Credits invoice</dt><dd>{invoiceNumberLabel(credited)}</dd></>}
          <dt>Invoice date</dt><dd>{day(invoice.invoiceDate)}</dd>
          {invoice.serviceDate && <><dt>Date of service</dt><dd>{day(invoice.serviceDate)}</dd></>}
          {!isCreditNote && <><dt>Due date</dt><dd>{day(invoice.dueDate)}</dd></>}
          {account && !isCreditNote && <InvoiceStatus state={shownInvoiceState(account, requests)} />}
        </dl>
      </div>
      <table className="table invoice__lines">
        <caption className="visually-hidden">{isCreditNote ? 'Credited lines' : 'Invoice lines'}</caption>
        <thead>
          <tr>
            <th scope="col">Description</th><th scope="col" className="num">Qty</th><th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Discount</th><th scope="col" className="num">VAT</th><th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.length === 0 && <tr><td colSpan={6} className="muted">No lines yet.</td></tr>}
          {invoice.lines.map((line) => {
            const t = lineTotals(line);
            return (
              <tr key={line.id}>
                <td>{line.description}</td>
                <td className="num">{line.quantity}</td>
                <td className="num">{m(line.unitPriceMinor)}</td>
                <td className="num">{t.discountMinor > 0 ? m(-t.discountMinor) : '—'}</td>
                <td className="num">{formatVatRate(line.vatRateBp, settings.locale)}</td>
                <td className="num">{m(t.grossMinor)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {totals.byRate.map((g) => (
            <tr key={g.vatRateBp} className="invoice__vat-row">
              <td colSpan={5}>VAT {formatVatRate(g.vatRateBp, settings.locale)} of {m(g.netMinor)} excl. VAT</td>
              <td className="num">{m(g.vatMinor)}</td>
            </tr>
          ))}
          <tr className="invoice__total">
            <th scope="row" colSpan={5}>{isCreditNote ? 'Total credited' : 'Total'}</th>
            <td className="num" data-testid="invoice-total">{m(totals.totalMinor)}</td>
          </tr>
          {account && !isCreditNote && account.creditedMinor > 0 && (
            <tr><td colSpan={5}>Credited</td><td className="num">{m(-account.creditedMinor)}</td></tr>
          )}
          {account && !isCreditNote && account.feesMinor > 0 && (
            <tr><td colSpan={5}>Reminder fees</td><td className="num" data-testid="invoice-fees">{m(account.feesMinor)}</td></tr>
          )}
          {account && !isCreditNote && account.paidMinor > 0 && (
            <tr><td colSpan={5}>Paid</td><td className="num">{m(-account.paidMinor)}</td></tr>
          )}
          {account && !isCreditNote && !isDraft && invoice.status !== 'void' && (
            <tr className="invoice__balance"><th scope="row" colSpan={5}>Balance due</th><td className="num" data-testid="invoice-balance">{m(account.balanceMinor)}</td></tr>
          )}
        </tfoot>
      </table>
      {!isCreditNote && !isDraft && settings.bankAccount && (
        <p className="invoice__payment-info">Pay to account {settings.bankAccount}, marked with invoice number {invoiceNumberLabel(invoice)}.</p>
      )}
    </article>
  );
}

function InvoiceStatus({ state }: { state: ShownInvoiceState }) {
  return <><dt>Status</dt><dd><ShownStateBadge state={state} testId="invoice-state" /></dd></>;
}
