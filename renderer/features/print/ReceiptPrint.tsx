/**
 * A receipt for one money fact (id = payment id): a payment at the desk or by link, a
 * refund of client credit, or client credit used on an invoice. Shows when, who, which
 * invoice, how, how much, cash received and change, and what is left on the invoice after
 * every payment on it so far. In the client's language (client-paper.tsx). For PrintScreen.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceNumberLabelOf } from '../../../shared/domain/invoice-completion.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { localDateOf } from '../../../shared/domain/time.js';
import type { MessageId } from '../../../shared/i18n/catalogues/index.js';
import { text } from '../../../shared/i18n/text.js';
import type { ClientDoc, InvoiceDoc, PaymentDoc, StaffDoc } from '../../../shared/schemas/index.js';
import type { ClientMoney } from '../../../shared/db/client-money.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { ClientPaper, PrintClinicHeader, useClientTranslator } from './client-paper.js';

const HEADINGS: Readonly<Record<PaymentDoc['kind'], MessageId>> = {
  payment: 'receipt.heading.payment',
  refund: 'receipt.heading.refund',
  credit_applied: 'receipt.heading.creditApplied',
  fee: 'receipt.heading.fee',
};

const AMOUNT_LABELS: Readonly<Record<PaymentDoc['kind'], MessageId>> = {
  payment: 'receipt.amountPaid',
  refund: 'receipt.amountRefunded',
  credit_applied: 'receipt.creditUsed',
  fee: 'receipt.feeCharged',
};

export function ReceiptPrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const { t } = useT();
  const payment = useLiveDocument(() => db.payments.findOne(id), [db, id]);
  const invoiceId = payment?.invoiceId || null;
  const clientId = payment?.clientId ?? null;
  const staffId = payment?.recordedBy ?? null;
  const invoice = useLiveDocument(() => (invoiceId ? db.invoices.findOne(invoiceId) : null), [db, invoiceId]);
  const client = useLiveDocument(() => (clientId ? db.clients.findOne(clientId) : null), [db, clientId]);
  const staff = useLiveDocument(() => (staffId ? db.staff.findOne(staffId) : null), [db, staffId]);
  const account = useClientMoney(db, clientId);
  // The PDF's name in the words of the paper.
  const paper = useClientTranslator(client);
  // A refund belongs to no invoice: nothing to wait for there.
  const ready = payment && client !== undefined && account !== undefined && (!invoiceId || invoice !== undefined);
  const title = ready
    ? paper.t('receipt.title', {
      heading: text(HEADINGS[payment.kind]), hasInvoice: invoice ? 'yes' : 'no', number: invoice ? invoiceNumberLabelOf(invoice) : '',
      date: localDateOf(payment.at, settings.timeZone), clinic: settings.clinicName,
    })
    : null;
  usePrintTitle(onTitle, title);

  if (payment === undefined) return <><PrintClinicHeader /><p role="status">{t('receipt.loading')}</p></>;
  if (payment === null) return <><PrintClinicHeader /><p role="alert">{t('receipt.notFound')}</p></>;
  if (!ready) return <><PrintClinicHeader /><p role="status">{t('receipt.loading')}</p></>;
  return (
    <ClientPaper client={client} header>
      <Receipt payment={payment} invoice={invoice ?? null} client={client} staff={staff ?? null} account={account} />
    </ClientPaper>
  );
}

function Receipt({ payment, invoice, client, staff, account }: { payment: PaymentDoc; invoice: InvoiceDoc | null; client: ClientDoc | null; staff: StaffDoc | null; account: ClientMoney }) {
  const translator = useT();
  const { t } = translator;
  const m = (minor: number) => translator.money(minor, payment.currency);
  const invoiceAccount = invoice ? account.account.accounts.get(invoice.id) : undefined;
  const cash = payment.kind === 'payment' && payment.method === 'cash' && payment.tenderedMinor > 0;
  return (
    <article className="print-doc receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" className="print-doc__title">{t(HEADINGS[payment.kind])}</h1>
      <dl className="print-details">
        <dt>{t('receipt.dateTime')}</dt><dd>{translator.dateTime(payment.at)}</dd>
        <dt>{t('receipt.client')}</dt><dd>{client ? clientName(client) : t('receipt.unknownClient')}</dd>
        {invoice && <><dt>{t('receipt.invoiceNo')}</dt><dd data-testid="receipt-invoice">{t(invoiceNumberLabelOf(invoice))}</dd></>}
        <dt>{payment.kind === 'refund' ? t('receipt.paidBackBy') : t('receipt.method')}</dt><dd data-testid="receipt-method">{t(METHOD_LABELS[payment.method])}</dd>
        <dt>{t(AMOUNT_LABELS[payment.kind])}</dt><dd className="print-details__amount" data-testid="receipt-amount">{m(payment.amountMinor)}</dd>
        {cash && (
          <>
            <dt>{t('receipt.cashReceived')}</dt><dd data-testid="receipt-tendered">{m(payment.tenderedMinor)}</dd>
            <dt>{t('receipt.changeGiven')}</dt><dd data-testid="receipt-change">{m(payment.tenderedMinor - payment.amountMinor)}</dd>
          </>
        )}
        {invoiceAccount && <><dt>{t('receipt.balanceLeft')}</dt><dd data-testid="receipt-balance">{m(invoiceAccount.balanceMinor)}</dd></>}
        {account.account.creditMinor > 0 && <><dt>{t('receipt.creditHeld')}</dt><dd>{m(account.account.creditMinor)}</dd></>}
        {staff && <><dt>{t('receipt.takenBy')}</dt><dd>{staff.name}</dd></>}
        <dt>{t('receipt.reference')}</dt><dd className="print-details__ref">{payment.id}</dd>
      </dl>
      {invoiceAccount && invoiceAccount.balanceMinor === 0 && payment.kind !== 'refund' && <p className="print-doc__note">{t('receipt.paidInFull')}</p>}
    </article>
  );
}
