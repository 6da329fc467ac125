/**
 * The billing state a booking shows in the calendar (issue 14 point 6): one rule, read from
 * the booking, its invoice, the invoice's account (shared/domain/ledger.ts) and its payment
 * requests, so the calendar never keeps a billing status of its own. The invoice's state is
 * the one every list shows (shownInvoiceState); on top of it an unpaid invoice past its due
 * date is overdue, and one with a live payment link is "link sent". Pure; imported by the
 * renderer.
 */
import type { BookingDoc, InvoiceDoc, PaymentDoc, PaymentRequestDoc } from '../schemas/index.js';
import { accountOf, type InvoiceAccount, type LedgerInvoice, type MoneyFact } from './ledger.js';
import { shownInvoiceState } from './invoice-state.js';
import type { LocalDate } from './time.js';
import type { MessageId } from '../i18n/text.js';
import { daysOverdue } from './outstanding.js';

export type BookingBillingState =
  | 'external' | 'no_invoice' | 'draft' | 'unpaid' | 'part_paid' | 'link_sent' | 'overdue' | 'debt_collection' | 'paid' | 'credited' | 'void';

/** Each state's name, as a catalogue id: `t(BOOKING_BILLING_LABELS[state])`. */
export const BOOKING_BILLING_LABELS: Readonly<Record<BookingBillingState, MessageId>> = {
  external: 'calendar.billing.external',
  no_invoice: 'calendar.billing.noInvoice',
  draft: 'calendar.billing.draft',
  unpaid: 'calendar.billing.unpaid',
  part_paid: 'calendar.billing.partPaid',
  link_sent: 'calendar.billing.linkSent',
  overdue: 'calendar.billing.overdue',
  debt_collection: 'calendar.billing.debtCollection',
  paid: 'calendar.billing.paid',
  credited: 'calendar.billing.credited',
  void: 'calendar.billing.void',
};

type Request = Pick<PaymentRequestDoc, 'purpose' | 'status'>;

/** A payment link the client can still pay: sent, or paid at the provider and not yet settled. */
function liveLink(requests: readonly Request[]): boolean {
  return requests.some((r) => r.purpose === 'payment_link' && (r.status === 'sent' || r.status === 'processing'));
}

/**
 * `invoice` is the booking's invoice, undefined when it has none or it has not reached this
 * desk yet; `account` its account; `requests` its payment requests; `today` the clinic's day.
 */
export function bookingBillingState(
  booking: Pick<BookingDoc, 'billing' | 'invoiceId'>,
  invoice: Pick<InvoiceDoc, 'dueDate'> | undefined,
  account: Pick<InvoiceAccount, 'state' | 'balanceMinor'> | undefined,
  requests: readonly Request[],
  today: LocalDate,
): BookingBillingState {
  if (!booking.invoiceId || !invoice || !account) return booking.billing === 'external' && !booking.invoiceId ? 'external' : 'no_invoice';
  const shown = shownInvoiceState(account, requests);
  if (shown !== 'unpaid' && shown !== 'part_paid') return shown;
  if (daysOverdue(invoice.dueDate, today) > 0) return 'overdue';
  if (liveLink(requests)) return 'link_sent';
  return shown;
}

export interface BillingInputs {
  /** The bookings' invoices (by id) and the credit notes crediting them. */
  readonly invoices: readonly (LedgerInvoice & Pick<InvoiceDoc, 'dueDate' | 'creditsInvoiceId'>)[];
  /** Money facts on those invoices. */
  readonly facts: readonly (MoneyFact & Pick<PaymentDoc, 'invoiceId'>)[];
  readonly requests: readonly (Request & Pick<PaymentRequestDoc, 'invoiceId'>)[];
}

/** The state of each booking (by booking id), grouping the inputs once: O(bookings + documents). */
export function bookingBillingStates(
  bookings: readonly Pick<BookingDoc, 'id' | 'billing' | 'invoiceId'>[],
  { invoices, facts, requests }: BillingInputs,
  today: LocalDate,
): Map<string, BookingBillingState> {
  const byId = new Map(invoices.map((inv) => [inv.id, inv]));
  const related = new Map<string, LedgerInvoice[]>();
  for (const inv of invoices) {
    const key = inv.kind === 'credit_note' ? inv.creditsInvoiceId : inv.id;
    const list = related.get(key);
    if (list) list.push(inv); else related.set(key, [inv]);
  }
  const factsOf = new Map<string, MoneyFact[]>();
  for (const f of facts) {
    const list = factsOf.get(f.invoiceId);
    if (list) list.push(f); else factsOf.set(f.invoiceId, [f]);
  }
  const requestsOf = new Map<string, Request[]>();
  for (const r of requests) {
    const list = requestsOf.get(r.invoiceId);
    if (list) list.push(r); else requestsOf.set(r.invoiceId, [r]);
  }
  const out = new Map<string, BookingBillingState>();
  for (const b of bookings) {
    const invoice = b.invoiceId ? byId.get(b.invoiceId) : undefined;
    const account = invoice ? accountOf(invoice, related.get(invoice.id) ?? [], factsOf.get(invoice.id) ?? []) : undefined;
    out.set(b.id, bookingBillingState(b, invoice, account, requestsOf.get(b.invoiceId) ?? [], today));
  }
  return out;
}
