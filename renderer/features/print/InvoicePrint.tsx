/**
 * An invoice or credit note on paper: the invoice document itself (seller and buyer,
 * number, invoice date, date of service, lines, VAT per rate, total, due date, the clinic's
 * organisation number), with what has been paid and what is left, in the client's language
 * (client-paper.tsx). For PrintScreen.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useLiveDocument } from '../../data/live-query.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { InvoiceDocument } from '../invoices/InvoiceDocument.js';
import { usePaymentRequests } from '../payment-links/use-payment-requests.js';
import { usePrintTitle, type PrintViewProps } from './print-view.js';
import { ClientPaper, useClientTranslator } from './client-paper.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';
import type { Translator } from '../../../shared/i18n/translator.js';

export function InvoicePrint({ id, onTitle }: PrintViewProps) {
  const { db } = useDesk();
  const settings = useSettings();
  const { t } = useT();
  const invoice = useLiveDocument(() => db.invoices.findOne(id), [db, id]);
  const clientId = invoice?.clientId ?? null;
  const client = useLiveDocument(() => (clientId ? db.clients.findOne(clientId) : null), [db, clientId]);
  const money = useClientMoney(db, clientId);
  const requests = usePaymentRequests(db, invoice?.id);
  // The PDF's name in the words of the paper.
  const paper = useClientTranslator(client);
  const ready = invoice && client !== undefined && money !== undefined;
  usePrintTitle(onTitle, ready ? invoiceTitle(invoice, settings.clinicName, paper) : null);

  if (invoice === undefined) return <p role="status">{t('invoicePrint.loading')}</p>;
  if (invoice === null) return <p role="alert">{t('invoicePrint.notFound')}</p>;
  if (!ready) return <p role="status">{t('invoicePrint.loading')}</p>;
  const credited = invoice.kind === 'credit_note' ? money.invoices.find((i) => i.id === invoice.creditsInvoiceId) ?? null : undefined;
  return (
    <ClientPaper client={client}>
      <InvoiceDocument
        invoice={invoice}
        client={client}
        settings={settings}
        account={money.account.accounts.get(invoice.id)}
        credited={credited}
        headingLevel={1}
        requests={requests ?? []}
      />
    </ClientPaper>
  );
}

function invoiceTitle(invoice: { kind: string; status: string; number: number }, clinicName: string, tr: Pick<Translator, 't'>): string {
  return tr.t('invoicePrint.title', {
    kind: invoice.kind === 'credit_note' ? 'credit_note' : 'invoice',
    draft: invoice.status === 'draft' ? 'yes' : 'no',
    number: invoiceNumberInTextOf(invoice),
    clinic: clinicName,
  });
}
