/**
 * The invoice (or credit note) as the client receives it, on screen and on paper: seller
 * and buyer, number, dates (invoice, service, due), each line, VAT per rate, total, and
 * what is paid and left. Presentational only; used by the invoice pop-up, the checkout and
 * the print view, in the language and formats of the translator around it (`useT()`).
 */
import type { ClientDoc, ClinicSettingsDoc, InvoiceDoc, PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { invoiceNumberLabelOf } from '../../../shared/domain/invoice-completion.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceTotals, lineTotals } from '../../../shared/domain/invoice-math.js';
import type { InvoiceAccount } from '../../../shared/domain/ledger.js';
import { shownInvoiceState, type ShownInvoiceState } from '../../../shared/domain/invoice-state.js';
import { ShownStateBadge } from './ShownStateBadge.js';
import { moneyValue, rateValue } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';

const DASH = '—';
const ELLIPSIS = '…';

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
  const translator = useT();
  const { t, money, rate } = translator;
  const m = (minor: number) => money(minor, cur);
  const day = (d: string) => (d ? translator.day(d) : DASH);
  return (
    <article className="invoice" aria-label={isCreditNote ? t('creditNote.title') : isDraft ? t('invoiceUi.preview') : t('invoiceUi.invoice')}>
      {isDraft && <p className="invoice__preview-label" data-testid="preview-label">{t('invoiceUi.previewLabel')}</p>}
      {invoice.status === 'void' && <p className="invoice__preview-label invoice__void-label">{t('invoiceUi.voidLabel')}</p>}
      <Title className="invoice__kind">{isCreditNote ? t('creditNote.title') : t('invoiceUi.invoice')}</Title>
      <div className="invoice__parties">
        <div>
          <Part>{t('invoiceUi.from')}</Part>
          <p><strong>{settings.clinicName}</strong></p>
          {settings.address && <p>{settings.address}</p>}
          {settings.organisationNumber && <p>{t('invoiceUi.orgNo', { number: settings.organisationNumber })}</p>}
          {settings.supportEmail && <p>{settings.supportEmail}</p>}
        </div>
        <div>
          <Part>{t('invoiceUi.to')}</Part>
          <p><strong>{client ? clientName(client) : ELLIPSIS}</strong></p>
          {client?.address && <p>{client.address}</p>}
          {client?.email && <p>{client.email}</p>}
        </div>
        <dl className="invoice__meta">
          <dt>{isCreditNote ? t('invoiceUi.creditNoteNo') : t('invoiceUi.invoiceNo')}</dt><dd data-testid="invoice-number">{t(invoiceNumberLabelOf(invoice))}</dd>
          {isCreditNote && credited && <><dt>{t('invoiceUi.creditsInvoice')}</dt><dd>{t(invoiceNumberLabelOf(credited))}</dd></>}
          <dt>{t('invoiceUi.invoiceDate')}</dt><dd>{day(invoice.invoiceDate)}</dd>
          {invoice.serviceDate && <><dt>{t('invoiceUi.serviceDate')}</dt><dd>{day(invoice.serviceDate)}</dd></>}
          {!isCreditNote && <><dt>{t('invoiceUi.dueDate')}</dt><dd>{day(invoice.dueDate)}</dd></>}
          {account && !isCreditNote && <InvoiceStatus state={shownInvoiceState(account, requests)} />}
        </dl>
      </div>
      <table className="table invoice__lines">
        <caption className="visually-hidden">{isCreditNote ? t('invoiceUi.creditedLines') : t('invoiceUi.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lines.description')}</th><th scope="col" className="num">{t('lines.qty')}</th><th scope="col" className="num">{t('lines.unitPrice')}</th>
            <th scope="col" className="num">{t('lines.discount')}</th><th scope="col" className="num">{t('lines.vat')}</th><th scope="col" className="num">{t('lines.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.length === 0 && <tr><td colSpan={6} className="muted">{t('invoiceUi.noLines')}</td></tr>}
          {invoice.lines.map((line) => {
            const lt = lineTotals(line);
            return (
              <tr key={line.id}>
                <td>{line.description}</td>
                <td className="num">{line.quantity}</td>
                <td className="num">{m(line.unitPriceMinor)}</td>
                <td className="num">{lt.discountMinor > 0 ? m(-lt.discountMinor) : DASH}</td>
                <td className="num">{rate(line.vatRateBp)}</td>
                <td className="num">{m(lt.grossMinor)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {totals.byRate.map((g) => (
            <tr key={g.vatRateBp} className="invoice__vat-row">
              <td colSpan={5}>{t('invoiceUi.vatRow', { rate: rateValue(g.vatRateBp), net: moneyValue(g.netMinor, cur) })}</td>
              <td className="num">{m(g.vatMinor)}</td>
            </tr>
          ))}
          <tr className="invoice__total">
            <th scope="row" colSpan={5}>{isCreditNote ? t('invoiceUi.totalCredited') : t('invoiceUi.total')}</th>
            <td className="num" data-testid="invoice-total">{m(totals.totalMinor)}</td>
          </tr>
          {account && !isCreditNote && account.creditedMinor > 0 && (
            <tr><td colSpan={5}>{t('invoiceUi.credited')}</td><td className="num">{m(-account.creditedMinor)}</td></tr>
          )}
          {account && !isCreditNote && account.feesMinor > 0 && (
            <tr><td colSpan={5}>{t('invoiceUi.reminderFees')}</td><td className="num" data-testid="invoice-fees">{m(account.feesMinor)}</td></tr>
          )}
          {account && !isCreditNote && account.paidMinor > 0 && (
            <tr><td colSpan={5}>{t('invoiceUi.paid')}</td><td className="num">{m(-account.paidMinor)}</td></tr>
          )}
          {account && !isCreditNote && !isDraft && invoice.status !== 'void' && (
            <tr className="invoice__balance"><th scope="row" colSpan={5}>{t('invoiceUi.balanceDue')}</th><td className="num" data-testid="invoice-balance">{m(account.balanceMinor)}</td></tr>
          )}
        </tfoot>
      </table>
      {!isCreditNote && !isDraft && settings.bankAccount && (
        <p className="invoice__payment-info">{t('invoiceUi.payTo', { account: settings.bankAccount, number: invoiceNumberLabelOf(invoice) })}</p>
      )}
    </article>
  );
}

function InvoiceStatus({ state }: { state: ShownInvoiceState }) {
  const { t } = useT();
  return <><dt>{t('invoiceUi.status')}</dt><dd><ShownStateBadge state={state} testId="invoice-state" /></dd></>;
}
