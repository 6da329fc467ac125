/**
 * How one entry of the Needs-attention list reads to staff: what was refused, in the words
 * the desk uses elsewhere ("Payment of 750,00 kr (Cash) on invoice 12 for Ola Berg"), as Texts
 * that each reader's Translator puts into their language and formats. Pure, so the screen and
 * its test read the same.
 */
import type { ClientDoc, InvoiceDoc, MessageDoc, PaymentDoc, PaymentRequestDoc } from '../../../shared/schemas/index.js';
import type { RefusedChange } from '../../../shared/db/needs-attention.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';
import { parseStoredText } from '../../../shared/i18n/stored-text.js';
import { moneyValue, text, type MessageId, type Text, type TextValue } from '../../../shared/i18n/text.js';
import type { CollectionName } from '../../../shared/schemas/index.js';
import { isMessageId } from '../../../shared/i18n/catalogues/index.js';
import { answerText } from '../../data/words.js';
import { reasonOf } from '../../../shared/db/needs-attention.js';
import type { SyncNotice } from '../../data/sync/sync-notices.js';
import { DUNNING_STEP_LABELS, type DunningStep } from '../../../shared/domain/dunning.js';

export interface RefusedContext {
  /** The refused document as this desk holds it, or null when it is gone. */
  readonly doc: Record<string, unknown> | null;
  readonly invoice: InvoiceDoc | null;
  readonly client: ClientDoc | null;
}

const RECORD_LABELS: Readonly<Record<CollectionName, MessageId>> = {
  settings: 'attention.record.settings', staff: 'attention.record.staff', services: 'attention.record.services',
  clients: 'attention.record.clients', bookings: 'attention.record.bookings', invoices: 'attention.record.invoices', payments: 'attention.record.payments',
  paymentrequests: 'attention.record.paymentrequests', messages: 'attention.record.messages', activity: 'attention.record.activity',
};

const clientName = (c: ClientDoc | null) => (c ? `${c.firstName} ${c.lastName}`.trim() : '');

/** Which of "on invoice 12" and "for Ola Berg" a line names, and their values. */
function forInvoice(ctx: RefusedContext): Record<string, TextValue> {
  const on = ctx.invoice && ctx.client ? 'both' : ctx.invoice ? 'invoice' : ctx.client ? 'client' : 'none';
  return { on, invoice: ctx.invoice ? invoiceNumberInTextOf(ctx.invoice) : '', client: clientName(ctx.client) };
}

const forClient = (ctx: RefusedContext): Record<string, TextValue> => ({ hasClient: ctx.client ? 'yes' : 'no', client: clientName(ctx.client) });

/** A payment method's name; one this desk does not know is shown as it came. */
const methodName = (method: string): TextValue => {
  const id = (METHOD_LABELS as Readonly<Record<string, MessageId | undefined>>)[method];
  return id && isMessageId(id) ? text(id) : method;
};

/** What a log entry says: its Text when this code can read it, else its English summary. */
function summaryOf(doc: Record<string, unknown>): TextValue {
  return parseStoredText(doc.summaryText) ?? String(doc.summary ?? '');
}

/**
 * One line saying what the refused change was. `short` (the status bar): a log entry by its kind
 * only, not its summary, so the always-visible line stays one short line.
 */
export function describeRefused(entry: Pick<RefusedChange, 'collection' | 'kept'>, ctx: RefusedContext, short = false): Text {
  const doc = ctx.doc;
  if (!doc) return text('attention.what.gone', { record: text(RECORD_LABELS[entry.collection]) });
  switch (entry.collection) {
    case 'payments': {
      const p = doc as unknown as PaymentDoc;
      return text('attention.what.payment', { kind: p.kind, amount: moneyValue(p.amountMinor, p.currency), method: methodName(p.method), ...forInvoice(ctx) });
    }
    case 'invoices': {
      const inv = doc as unknown as InvoiceDoc;
      return text('attention.what.invoice', { invoice: invoiceNumberInTextOf(inv), ...forClient(ctx) });
    }
    case 'paymentrequests': {
      const r = doc as unknown as PaymentRequestDoc;
      // The same names the link lists use (link-labels.ts): a payment link, or which chasing step.
      const purpose = r.purpose in DUNNING_STEP_LABELS ? DUNNING_STEP_LABELS[r.purpose as DunningStep] : 'linkUi.purpose.paymentLink';
      return text('attention.what.paymentRequest', { purpose: text(purpose), ...forInvoice(ctx) });
    }
    case 'messages': {
      const m = doc as unknown as MessageDoc;
      return text('attention.what.message', { channel: m.channel, recipient: m.recipient, ...forInvoice(ctx) });
    }
    case 'activity':
      return short ? text(RECORD_LABELS.activity) : text('attention.what.logEntry', { summary: summaryOf(doc) });
    default:
      return text('attention.what.record', { record: text(RECORD_LABELS[entry.collection]), ...forClient(ctx) });
  }
}

/** What happened to it on this desk. */
export function refusedOutcome(entry: Pick<RefusedChange, 'kept' | 'acceptedBy'>, acceptedByName: string | null): Text {
  if (entry.acceptedBy) return text('attention.outcome.accepted', { name: acceptedByName ?? text('attention.outcome.aStaffMember') });
  return text(entry.kept ? 'attention.outcome.kept' : 'attention.outcome.takenBack');
}

/** Why the sync server refused it: its own Text when it sent one this desk can read, else its English words. */
export function refusalReason(entry: Pick<RefusedChange, 'message' | 'text'>): Text {
  const reason = reasonOf(entry);
  return typeof reason === 'string' ? answerText({ message: reason }) : reason;
}

/**
 * The status bar's line for one notice (renderer/data/sync/sync-notices.ts): the change by name
 * and what the server or this desk said of it. A pulled document this desk did not write is
 * named only when the desk holds an earlier version of it; its reason names its kind and id.
 */
export function describeNotice(notice: Pick<SyncNotice, 'collection' | 'kind' | 'reason'>, ctx: RefusedContext): Text {
  if (notice.kind === 'notTaken' && !ctx.doc) return notice.reason;
  return text('status.notice.line', { what: describeRefused({ collection: notice.collection, kept: true }, ctx, true), reason: notice.reason });
}
