/**
 * A reminder fee as a money fact (docs/decisions/0012-reminder-fees.md): written by the
 * desk's scheduler once a chasing step that carries a fee has gone out, and counted by
 * the ledger as a charge on its invoice. Its id comes from the invoice and the step, so
 * two desks that both record the same step's fee write one fact. Pure.
 */
import type { PaymentDoc } from '../schemas/index.js';
import type { DunningStep } from './dunning.js';
import { moneyFact } from './payment-rules.js';
import { SYSTEM_ACTOR } from './permissions.js';
import { addDays, localDateOf } from './time.js';
import { REMINDER_FEE_MAX_MINOR } from './debt-law.js';
import { text, type Text } from '../i18n/text.js';

export const reminderFeeId = (invoiceId: string, step: DunningStep) => `fee-${step}-${invoiceId}`.slice(0, 40);

export interface FeeFacts {
  readonly invoiceId: string;
  readonly clientId: string;
  readonly step: DunningStep;
  readonly amountMinor: number;
  readonly currency: PaymentDoc['currency'];
  readonly at: string;
  /** The desk whose chasing charged it. */
  readonly desk: string;
}

export function reminderFeeFact(f: FeeFacts): PaymentDoc {
  return moneyFact({
    id: reminderFeeId(f.invoiceId, f.step), kind: 'fee', invoiceId: f.invoiceId, clientId: f.clientId, method: 'other',
    amountMinor: f.amountMinor, currency: f.currency, at: f.at, recordedBy: SYSTEM_ACTOR, recordedOn: f.desk,
  });
}

/** A fee the chasing recorded: it moves no money in, so the desk's reception may sync it. */
export function isChasingFee(doc: Readonly<Record<string, unknown>>): boolean {
  return doc.kind === 'fee' && doc.recordedBy === SYSTEM_ACTOR;
}

/**
 * The highest reminder fee (purregebyr) Norwegian law allows (shared/domain/debt-law.ts, the
 * one place it changes; docs/decisions/0022-system-write-bounds.md). Every clinic follows the
 * Norwegian fee rules (dunning.ts), so the cap holds for NOK clinics; other currencies have no
 * statutory figure here.
 */
export const NORWEGIAN_REMINDER_FEE_MAX_MINOR = REMINDER_FEE_MAX_MINOR.value;

/** Why a clinic may not charge this reminder fee, or null. Asked by the settings form and the server. */
export function reminderFeeLimit(feeMinor: number, currency: string): Text | null {
  if (currency === 'NOK' && feeMinor > NORWEGIAN_REMINDER_FEE_MAX_MINOR) {
    return text('payment.fee.aboveLimit', { max: NORWEGIAN_REMINDER_FEE_MAX_MINOR / 100 });
  }
  return null;
}

/** The steps that may carry a fee (never the hand-over to debt collection). */
const FEE_STEPS: readonly DunningStep[] = ['reminder', 'second_reminder', 'final_notice'];

/** The ids every fee the chasing may charge on this invoice would have. */
export const chasingFeeIds = (invoiceId: string): string[] => FEE_STEPS.map((s) => reminderFeeId(invoiceId, s));

export interface FeeContext {
  /** The invoice the fee is charged on, as the server holds it (null: not held). */
  readonly invoice: Readonly<Record<string, unknown>> | null;
  /** The clinic's settings as the server holds them: its fee, currency and zone. */
  readonly settings: Readonly<Record<string, unknown>> | null;
  /** Ids of the chasing fees already on the invoice. */
  readonly feesOnInvoice: readonly string[];
}

/**
 * Why a fee recorded by the chasing (recorded as the system's) is not one the chasing could
 * have charged, or null: its id names its invoice and a step that carries a fee; the amount
 * is the clinic's fee, within the legal limit; the invoice is completed, in the fee's
 * currency, and the fee comes at least 14 days after its due date; at most two fees per
 * invoice (docs/decisions/0012-reminder-fees.md). A desk cannot forge a 99,999 kr "fee".
 */
export function chasingFeeRefusal(fee: Readonly<Record<string, unknown>>, ctx: FeeContext): Text | null {
  const invoiceId = typeof fee.invoiceId === 'string' ? fee.invoiceId : '';
  const step = FEE_STEPS.find((s) => reminderFeeId(invoiceId, s) === fee.id);
  if (!step) return text('payment.fee.refused.noStep');
  const invoice = ctx.invoice;
  if (!invoice || invoice._deleted === true || invoice.kind !== 'invoice' || invoice.status !== 'completed') return text('payment.fee.refused.invoice');
  if (invoice.currency !== fee.currency) return text('payment.fee.refused.currency');
  const clinicFee = typeof ctx.settings?.reminderFeeMinor === 'number' ? ctx.settings.reminderFeeMinor : 0;
  if (fee.amountMinor !== clinicFee) return text('payment.fee.refused.amount');
  const limit = reminderFeeLimit(clinicFee, String(fee.currency));
  if (limit) return text('payment.fee.refused.limit', { reason: limit });
  const timeZone = typeof ctx.settings?.timeZone === 'string' ? ctx.settings.timeZone : 'UTC';
  const dueDate = typeof invoice.dueDate === 'string' ? invoice.dueDate : '';
  const chargedOn = typeof fee.at === 'string' && fee.at !== '' ? localDateOf(fee.at, timeZone) : '';
  if (dueDate === '' || chargedOn === '' || chargedOn < addDays(dueDate, 14)) return text('payment.fee.refused.tooEarly');
  if (ctx.feesOnInvoice.filter((id) => id !== fee.id).length >= 2) return text('payment.fee.refused.tooMany');
  return null;
}

