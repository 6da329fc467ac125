/**
 * An invoice or credit note on paper: the invoice document itself (seller and buyer,
 * number, invoice date, date of service, lines, VAT per rate, total, due date, the clinic's
 * organisation number), with what has been paid and what is left. For PrintScreen.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { InvoiceDocument } from '../invoices/InvoiceDocument.js';
import { usePaymentRequests } from '../payment-links/use-payment-requests.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';

export function InvoicePrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const invoice = useLiveDocument(() => db.invoices.findOne(id), [db, id]);
  const clientId = invoice?.clientId ?? null;
  const client = useLiveDocument(() => (clientId ? db.clients.findOne(clientId) : null), [db, clientId]);
  const money = useClientMoney(db, clientId);
  const requests = usePaymentRequests(db, invoice?.id);
  const ready = invoice && client !== undefined && money !== undefined;
  usePrintTitle(onTitle, ready ? invoiceTitle(invoice, settings.clinicName) : null);

  if (invoice === undefined) return <p role="status">Loading the invoice…</p>;
  if (invoice === null) return <p role="alert">This invoice does not exist.</p>;
  if (!ready) return <p role="status">Loading the invoice…</p>;
  const credited = invoice.kind === 'credit_note' ? money.invoices.find((i) => i.id === invoice.creditsInvoiceId) ?? null : undefined;
  return (
    <InvoiceDocument
      invoice={invoice}
      client={client}
      settings={settings}
      account={money.account.accounts.get(invoice.id)}
      credited={credited}
      headingLevel={1}
      requests={requests ?? []}
    />
  );
}

function invoiceTitle(invoice: { kind: string; status: string; number: number }, clinicName: string): string {
  const what = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  if (invoice.status === 'draft') return `${what} preview – ${clinicName}`;
  return `${what} ${invoiceNumberInText(invoice)} – ${clinicName}`;
}
