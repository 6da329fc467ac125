/**
 * How one entry of the Needs-attention list reads to staff: what was refused, in the words
 * the desk uses elsewhere ("Payment of 750,00 kr (Cash) on invoice 12 for Ola Berg").
 * Pure, so the screen and its test read the same.
 */
import type { ClientDoc, ClinicSettingsDoc, InvoiceDoc, MessageDoc, PaymentDoc } from '../../../shared/schemas/index.js';
import type { RefusedChange } from '../../../shared/db/needs-attention.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';
import type { CollectionName } from '../../../shared/schemas/index.js';
import { money } from '../../ui/format.js';

export interface RefusedContext {
  /** The refused document as this desk holds it, or null when it is gone. */
  readonly doc: Record<string, unknown> | null;
  readonly invoice: InvoiceDoc | null;
  readonly client: ClientDoc | null;
  readonly clinic: Pick<ClinicSettingsDoc, 'locale'>;
}

const KIND_LABELS: Readonly<Record<PaymentDoc['kind'], string>> = {
  payment: 'Payment', refund: 'Refund', credit_applied: 'Client credit used', fee: 'Reminder fee',
};

const RECORD_LABELS: Readonly<Record<CollectionName, string>> = {
  settings: 'A change to the clinic settings', staff: 'A change to the staff list', services: 'A change to the services',
  clients: 'A change to a client', bookings: 'A booking change', invoices: 'An invoice change', payments: 'A payment',
  paymentrequests: 'A change to a payment link', messages: 'A message record', activity: 'A log entry',
};

const clientName = (c: ClientDoc | null) => (c ? `${c.firstName} ${c.lastName}`.trim() : '');

function forInvoice(ctx: RefusedContext): string {
  const parts: string[] = [];
  if (ctx.invoice) parts.push(`on invoice ${invoiceNumberInText(ctx.invoice)}`);
  if (ctx.client) parts.push(`for ${clientName(ctx.client)}`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** One line saying what the refused change was. */
export function describeRefused(entry: Pick<RefusedChange, 'collection' | 'kept'>, ctx: RefusedContext): string {
  const doc = ctx.doc;
  if (!doc) return `${RECORD_LABELS[entry.collection]} that is no longer on this desk`;
  switch (entry.collection) {
    case 'payments': {
      const p = doc as unknown as PaymentDoc;
      return `${KIND_LABELS[p.kind] ?? 'Payment'} of ${money(p.amountMinor, p.currency, ctx.clinic)} (${METHOD_LABELS[p.method] ?? p.method})${forInvoice(ctx)}`;
    }
    case 'invoices': {
      const inv = doc as unknown as InvoiceDoc;
      return `Invoice ${invoiceNumberInText(inv)}${ctx.client ? ` for ${clientName(ctx.client)}` : ''}`;
    }
    case 'messages': {
      const m = doc as unknown as MessageDoc;
      return `${m.channel === 'sms' ? 'SMS' : 'Email'} to ${m.recipient}${forInvoice(ctx)}`;
    }
    case 'activity':
      return `Log entry: ${String(doc.summary ?? '')}`;
    default:
      return `${RECORD_LABELS[entry.collection]}${ctx.client ? ` for ${clientName(ctx.client)}` : ''}`;
  }
}

/** What happened to it on this desk. */
export function refusedOutcome(entry: Pick<RefusedChange, 'kept' | 'acceptedBy'>, acceptedByName: string | null): string {
  if (entry.acceptedBy) return `Accepted again by ${acceptedByName ?? 'a staff member'}; waiting for the sync server to take it.`;
  return entry.kept
    ? 'Kept on this desk only: the sync server and the other desks do not have it.'
    : 'Taken back on this desk: it shows what the sync server holds.';
}
