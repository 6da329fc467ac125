/**
 * The clinic's day sheet (docs/product.md §6): what came in and went out per payment method on
 * one clinic day, what was invoiced, credited and voided, and what is still owed. Pure;
 * shared/db/day-sheet-query.ts reads the documents and the renderer shows the result.
 *
 * A day is the clinic's calendar day in its own time zone, [midnight, next midnight) —
 * 23 or 25 hours across a DST change (shared/domain/time.ts).
 *
 * Outstanding is taken *as it stood at the end of that day*: facts, credit notes and voids
 * after the day are left out. A day sheet printed again next month shows the same figures,
 * and for today it is simply what is owed now. It is derived with the client ledger's own
 * rules (clientAccount), so it agrees with each client's ledger to the øre.
 */
import type { InvoiceDoc, MessageDoc, PaymentRequestDoc } from '../schemas/index.js';
import { shownInvoiceState } from './invoice-state.js';
import type { PaymentMethod } from '../schemas/payments.js';
import { invoiceTotals } from './invoice-math.js';
import { clientAccount, type LedgerInvoice, type MoneyFact } from './ledger.js';
import type { CurrencyCode } from './money.js';
import { localDaysRange, type LocalDate } from './time.js';
import { isRefundReversal } from './refund-facts.js';
import { daysOverdue } from './outstanding.js';

/** Methods by which money actually moves, in the order the sheet lists them. */
export const TAKING_METHODS = ['cash', 'card_terminal', 'bank_transfer', 'payment_link', 'other'] as const satisfies readonly PaymentMethod[];
export type TakingMethod = (typeof TAKING_METHODS)[number];

export type DaySheetInvoice = LedgerInvoice & Pick<InvoiceDoc, 'dueDate'>;

export interface MethodTakings {
  readonly method: TakingMethod;
  readonly paymentCount: number;
  readonly paymentsMinor: number;
  readonly refundCount: number;
  readonly refundsMinor: number;
  /** payments − refunds: what this method should hold at the end of the day. */
  readonly netMinor: number;
}

export interface CountAndTotal {
  readonly count: number;
  readonly totalMinor: number;
}

export interface Outstanding extends CountAndTotal {
  /** Of those, invoices whose due date is before the day. */
  readonly overdueCount: number;
  readonly overdueMinor: number;
  /** Of those, invoices the chasing had marked ready for debt collection by then (invoice-state.ts). */
  readonly collectionCount: number;
  readonly collectionMinor: number;
}

/** A chasing step as the day sheet reads it: the debt-collection marker, and when it was made. */
export type DaySheetStep = Pick<PaymentRequestDoc, 'invoiceId' | 'purpose' | 'status' | 'sentAt'>;

/** Payment links and chasing messages of the day (docs/product.md §6: "links sent"). */
export interface DayMessages {
  /** Messages that went out carrying a payment link the desk was asked to send. */
  readonly paymentLinks: number;
  /** Reminders and final notices that went out. */
  readonly reminders: number;
  /** Messages the mail server or SMS provider refused, or that may not have gone out. */
  readonly notDelivered: number;
  /** What the messages that went out cost, excl. VAT. */
  readonly costMinor: number;
}

export type DaySheetMessage = Pick<MessageDoc, 'purpose' | 'outcome' | 'costMinor' | 'currency' | 'at'>;

export interface DaySheet {
  readonly date: LocalDate;
  readonly timeZone: string;
  readonly currency: CurrencyCode;
  /** The day as UTC instants, [from, to). */
  readonly from: string;
  readonly to: string;
  /** One row per method, always all of them (zeros included), in TAKING_METHODS order. */
  readonly takings: readonly MethodTakings[];
  readonly paymentsMinor: number;
  readonly refundsMinor: number;
  /** Σ payments − Σ refunds of the day, every method. */
  readonly takingsMinor: number;
  /** Client credit used on invoices: no money moved, so not takings. */
  readonly creditUsed: CountAndTotal;
  readonly invoicesCompleted: CountAndTotal;
  readonly creditNotes: CountAndTotal;
  /** Issued invoices voided on the day (drafts that were dropped are not counted). */
  readonly voided: CountAndTotal;
  readonly outstanding: Outstanding;
  readonly messages: DayMessages;
  /** Reminder fees charged on the day: owed, not taken (they are in outstanding). */
  readonly feesCharged: CountAndTotal;
  /** Documents in another currency than the clinic's, left out of every figure. */
  readonly otherCurrencyCount: number;
}

export interface DaySheetInput {
  readonly date: LocalDate;
  readonly timeZone: string;
  readonly currency: CurrencyCode;
  /**
   * Money facts: at least every fact of the day (for takings) and every fact before the
   * day's end of clients with completed invoices (for outstanding). Others are ignored.
   */
  readonly facts: readonly MoneyFact[];
  /** Invoices and credit notes: at least every completed or void one; drafts are ignored. */
  readonly invoices: readonly DaySheetInvoice[];
  /** Messages: at least every one of the day; others are ignored. */
  readonly messages?: readonly DaySheetMessage[];
  /** Chasing steps: at least every debt-collection marker; others are ignored. */
  readonly steps?: readonly DaySheetStep[];
}

const within = (instant: string, from: string, to: string): boolean => instant >= from && instant < to;
const isTakingMethod = (m: string): m is TakingMethod => (TAKING_METHODS as readonly string[]).includes(m);

/**
 * The invoice as it stood at `end`: not yet completed then → a draft (charges nothing);
 * voided only after `end` → still completed then. The same reading the ledger makes of
 * completedAt and of a void invoice's updatedAt.
 */
function asAt<T extends DaySheetInvoice>(invoice: T, end: string): T {
  if (!invoice.completedAt || invoice.completedAt >= end) return invoice.status === 'draft' ? invoice : { ...invoice, status: 'draft' };
  if (invoice.status === 'void' && invoice.updatedAt >= end) return { ...invoice, status: 'completed' };
  return invoice;
}

export function daySheet(input: DaySheetInput): DaySheet {
  const { from, to } = localDaysRange(input.date, 1, input.timeZone);
  let otherCurrencyCount = 0;
  const sameCurrency = <T extends { currency: string }>(docs: readonly T[]): T[] =>
    docs.filter((d) => {
      if (d.currency === input.currency) return true;
      otherCurrencyCount += 1;
      return false;
    });
  const facts = sameCurrency(input.facts);
  const invoices = sameCurrency(input.invoices);

  // Takings: money in and out by method, on the day.
  const rows = new Map<TakingMethod, { paymentCount: number; paymentsMinor: number; refundCount: number; refundsMinor: number }>(
    TAKING_METHODS.map((m) => [m, { paymentCount: 0, paymentsMinor: 0, refundCount: 0, refundsMinor: 0 }]),
  );
  let creditUsedCount = 0;
  let creditUsedMinor = 0;
  const feesCharged = { count: 0, totalMinor: 0 };
  for (const f of facts) {
    if (!within(f.at, from, to)) continue;
    // A reminder fee is a charge, not money taken; it shows in what is outstanding.
    if (f.kind === 'fee') {
      add(feesCharged, f.amountMinor);
      continue;
    }
    if (f.kind === 'credit_applied') {
      creditUsedCount += 1;
      creditUsedMinor += f.amountMinor;
      continue;
    }
    // The payment rules never record a payment or refund as 'client_credit'; if one came
    // in by sync it moved no money at the desk, so it is not takings.
    if (!isTakingMethod(f.method)) continue;
    const row = rows.get(f.method)!;
    // A failed or cancelled refund coming back is less refunded, not a payment taken.
    if (isRefundReversal(f)) {
      row.refundsMinor -= f.amountMinor;
    } else if (f.kind === 'payment') {
      row.paymentCount += 1;
      row.paymentsMinor += f.amountMinor;
    } else {
      row.refundCount += 1;
      row.refundsMinor += f.amountMinor;
    }
  }
  const takings = TAKING_METHODS.map((method): MethodTakings => {
    const r = rows.get(method)!;
    return { method, ...r, netMinor: r.paymentsMinor - r.refundsMinor };
  });
  const paymentsMinor = takings.reduce((s, r) => s + r.paymentsMinor, 0);
  const refundsMinor = takings.reduce((s, r) => s + r.refundsMinor, 0);

  // Documents of the day.
  const invoicesCompleted = { count: 0, totalMinor: 0 };
  const creditNotes = { count: 0, totalMinor: 0 };
  const voided = { count: 0, totalMinor: 0 };
  for (const inv of invoices) {
    if (inv.status === 'draft' || !inv.completedAt) continue;
    const total = invoiceTotals(inv.lines).totalMinor;
    if (inv.kind === 'credit_note') {
      if (inv.status === 'completed' && within(inv.completedAt, from, to)) add(creditNotes, total);
      continue;
    }
    // Issued that day, whatever happened to it later: the ledger charges it on that day.
    if (within(inv.completedAt, from, to)) add(invoicesCompleted, total);
    if (inv.status === 'void' && within(inv.updatedAt, from, to)) add(voided, total);
  }

  return {
    date: input.date, timeZone: input.timeZone, currency: input.currency, from, to,
    takings, paymentsMinor, refundsMinor, takingsMinor: paymentsMinor - refundsMinor,
    creditUsed: { count: creditUsedCount, totalMinor: creditUsedMinor },
    invoicesCompleted, creditNotes, voided,
    outstanding: outstandingAt(invoices, facts, input.date, to, input.steps ?? []),
    messages: dayMessages(input.messages ?? [], input.currency, from, to),
    feesCharged,
    otherCurrencyCount,
  };
}

function dayMessages(messages: readonly DaySheetMessage[], currency: CurrencyCode, from: string, to: string): DayMessages {
  const out = { paymentLinks: 0, reminders: 0, notDelivered: 0, costMinor: 0 };
  for (const msg of messages) {
    if (!within(msg.at, from, to)) continue;
    if (msg.outcome !== 'sent') {
      out.notDelivered += 1;
      continue;
    }
    if (msg.purpose === 'payment_link') out.paymentLinks += 1;
    else if (msg.purpose === 'reminder' || msg.purpose === 'final_notice') out.reminders += 1;
    if (msg.currency === currency) out.costMinor += msg.costMinor;
  }
  return out;
}

function add(into: { count: number; totalMinor: number }, totalMinor: number): void {
  into.count += 1;
  into.totalMinor += totalMinor;
}

/**
 * What clients owe at `end`, per client through the ledger's own clientAccount (credit one
 * client holds never offsets what another owes). Overdue: due before `date`; an invoice
 * waiting for its number has no due date yet and is not overdue.
 */
export function outstandingAt(invoices: readonly DaySheetInvoice[], facts: readonly MoneyFact[], date: LocalDate, end: string, steps: readonly DaySheetStep[] = []): Outstanding {
  // Marked by `end`: the marker's sentAt is when the chasing made it.
  const stepsOf = new Map<string, DaySheetStep[]>();
  for (const st of steps) if (st.sentAt !== '' && st.sentAt < end) stepsOf.set(st.invoiceId, [...(stepsOf.get(st.invoiceId) ?? []), st]);
  const byClient = new Map<string, { invoices: DaySheetInvoice[]; facts: MoneyFact[] }>();
  const group = (clientId: string) => {
    let g = byClient.get(clientId);
    if (!g) byClient.set(clientId, (g = { invoices: [], facts: [] }));
    return g;
  };
  for (const inv of invoices) {
    const then = asAt(inv, end);
    if (then.status !== 'draft') group(inv.clientId).invoices.push(then);
  }
  for (const f of facts) {
    // Only clients with something charged can owe; others' facts change nothing here.
    if (f.at < end && byClient.has(f.clientId)) byClient.get(f.clientId)!.facts.push(f);
  }
  const out = { count: 0, totalMinor: 0, overdueCount: 0, overdueMinor: 0, collectionCount: 0, collectionMinor: 0 };
  for (const g of byClient.values()) {
    const account = clientAccount(g.invoices, g.facts);
    for (const inv of g.invoices) {
      if (inv.kind !== 'invoice') continue;
      const balance = account.accounts.get(inv.id)?.balanceMinor ?? 0;
      if (balance <= 0) continue;
      out.count += 1;
      out.totalMinor += balance;
      if (daysOverdue(inv.dueDate, date) > 0) {
        out.overdueCount += 1;
        out.overdueMinor += balance;
      }
      // The state every list shows (shared/domain/invoice-state.ts), as it stood at the day's end.
      if (shownInvoiceState(account.accounts.get(inv.id)!, stepsOf.get(inv.id) ?? []) === 'debt_collection') {
        out.collectionCount += 1;
        out.collectionMinor += balance;
      }
    }
  }
  return out;
}
