/**
 * A receipt for one money fact (id = payment id): a payment at the desk or by link, a
 * refund of client credit, or client credit used on an invoice. Shows when, who, which
 * invoice, how, how much, cash received and change, and what is left on the invoice after
 * every payment on it so far. For PrintScreen.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { clientName } from '../../../shared/domain/clients.js';
import { invoiceNumberLabel } from '../../../shared/domain/invoice-completion.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { localDateOf } from '../../../shared/domain/time.js';
import type { PaymentDoc } from '../../../shared/schemas/index.js';
import { formatDateTime, money } from '../../ui/format.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';

const HEADINGS: Readonly<Record<PaymentDoc['kind'], string>> = {
  payment: 'Receipt',
  refund: 'Refund receipt',
  credit_applied: 'Client credit used',
  fee: 'Reminder fee',
};

export function ReceiptPrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const payment = useLiveDocument(() => db.payments.findOne(id), [db, id]);
  const invoiceId = payment?.invoiceId || null;
  const clientId = payment?.clientId ?? null;
  const staffId = payment?.recordedBy ?? null;
  const invoice = useLiveDocument(() => (invoiceId ? db.invoices.findOne(invoiceId) : null), [db, invoiceId]);
  const client = useLiveDocument(() => (clientId ? db.clients.findOne(clientId) : null), [db, clientId]);
  const staff = useLiveDocument(() => (staffId ? db.staff.findOne(staffId) : null), [db, staffId]);
  const account = useClientMoney(db, clientId);
  // A refund belongs to no invoice: nothing to wait for there.
  const ready = payment && client !== undefined && account !== undefined && (!invoiceId || invoice !== undefined);
  const title = ready
    ? [HEADINGS[payment.kind], invoice ? `invoice ${invoiceNumberLabel(invoice)}` : null, localDateOf(payment.at, settings.timeZone), settings.clinicName].filter(Boolean).join(' – ')
    : null;
  usePrintTitle(onTitle, title);

  if (payment === undefined) return <p role="status">Loading the receipt…</p>;
  if (payment === null) return <p role="alert">There is no payment with this reference.</p>;
  if (!ready) return <p role="status">Loading the receipt…</p>;

  const m = (minor: number) => money(minor, payment.currency, settings);
  const invoiceAccount = invoice ? account.account.accounts.get(invoice.id) : undefined;
  const cash = payment.kind === 'payment' && payment.method === 'cash' && payment.tenderedMinor > 0;
  const amountLabel = payment.kind === 'refund' ? 'Amount refunded' : payment.kind === 'credit_applied' ? 'Credit used' : payment.kind === 'fee' ? 'Fee charged' : 'Amount paid';
  return (
    <article className="print-doc receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" className="print-doc__title">{HEADINGS[payment.kind]}</h1>
      <dl className="print-details">
        <dt>Date and time</dt><dd>{formatDateTime(payment.at, settings)}</dd>
        <dt>Client</dt><dd>{client ? clientName(client) : 'Unknown client'}</dd>
        {invoice && <><dt>Invoice no.</dt><dd data-testid="receipt-invoice">{invoiceNumberLabel(invoice)}</dd></>}
        <dt>{payment.kind === 'refund' ? 'Paid back by' : 'Method'}</dt><dd data-testid="receipt-method">{METHOD_LABELS[payment.method]}</dd>
        <dt>{amountLabel}</dt><dd className="print-details__amount" data-testid="receipt-amount">{m(payment.amountMinor)}</dd>
        {cash && (
          <>
            <dt>Cash received</dt><dd data-testid="receipt-tendered">{m(payment.tenderedMinor)}</dd>
            <dt>Change given</dt><dd data-testid="receipt-change">{m(payment.tenderedMinor - payment.amountMinor)}</dd>
          </>
        )}
        {invoiceAccount && <><dt>Balance left on the invoice</dt><dd data-testid="receipt-balance">{m(invoiceAccount.balanceMinor)}</dd></>}
        {account.account.creditMinor > 0 && <><dt>Client credit held</dt><dd>{m(account.account.creditMinor)}</dd></>}
        {staff && <><dt>Taken by</dt><dd>{staff.name}</dd></>}
        <dt>Reference</dt><dd className="print-details__ref">{payment.id}</dd>
      </dl>
      {invoiceAccount && invoiceAccount.balanceMinor === 0 && payment.kind !== 'refund' && <p className="print-doc__note">This invoice is paid in full. Thank you.</p>}
    </article>
  );
}
