/**
 * Chasing an unpaid invoice (docs/product.md §5): the clinic's schedule of steps, the one step
 * due next, and whether it may carry a reminder fee. Pure; the scheduler in main asks it
 * for each unpaid invoice it finds due and sends at most that one step.
 *
 * Each step is counted from the day the previous one was actually sent, so a desk that
 * was closed for a week sends the overdue step once and the next one a full interval
 * later — never a burst of steps: caught up once, in order.
 *
 * Fees follow the Norwegian rules for every clinic (the strictest we serve; the figures and
 * their sources are in debt-law.ts): a fee only on a reminder sent at least 14 days after the
 * due date, at most two fees per invoice, and the final notice (inkassovarsel) gives at least
 * 14 days before debt collection.
 */
import { addDays, type LocalDate } from './time.js';
import { amountToAsk, BALANCE_AMOUNT } from './link-amount.js';
import { FEE_AFTER_DUE_MIN_DAYS, FINAL_NOTICE_MIN_DAYS, MAX_FEES_PER_CLAIM } from './debt-law.js';
import type { MessageId } from '../i18n/catalogues/index.js';

export type DunningStep = 'reminder' | 'second_reminder' | 'final_notice' | 'debt_collection';
export const DUNNING_STEPS: readonly DunningStep[] = ['reminder', 'second_reminder', 'final_notice', 'debt_collection'];

export interface DunningSchedule {
  /** First reminder, days after the due date (default 7). */
  readonly reminderAfterDueDays: number;
  /** Second reminder, days after the first (default 14). */
  readonly secondReminderAfterDays: number;
  /** Final notice, days after the second reminder (default 14). */
  readonly finalNoticeAfterDays: number;
  /** Days the final notice gives before the invoice is ready for debt collection (default 14, at least 14). */
  readonly finalNoticeGivesDays: number;
  /** Reminder fee in minor units; 0 for none. */
  readonly reminderFeeMinor: number;
}

export const DEFAULT_DUNNING: DunningSchedule = {
  reminderAfterDueDays: 7, secondReminderAfterDays: 14, finalNoticeAfterDays: 14, finalNoticeGivesDays: 14, reminderFeeMinor: 0,
};

/** Each step's name, for staff (a Translator's `t`). */
export const DUNNING_STEP_LABELS: Readonly<Record<DunningStep, MessageId>> = {
  reminder: 'chase.step.reminder',
  second_reminder: 'chase.step.secondReminder',
  final_notice: 'chase.step.finalNotice',
  debt_collection: 'chase.step.debtCollection',
};

export interface StepDone {
  readonly step: DunningStep;
  /** The clinic-local day it was sent. */
  readonly on: LocalDate;
  readonly feeMinor: number;
}

export interface DunningState {
  readonly dueDate: LocalDate;
  /** Still owed, reminder fees already charged included (they are charges on the ledger). */
  readonly balanceMinor: number;
  /** void, credited in full, or paid: chasing stops. */
  readonly settled: boolean;
  /** A payment is processing (bank debit, Klarna): chasing waits. */
  readonly paymentProcessing: boolean;
  readonly done: readonly StepDone[];
}

export interface NextStep {
  readonly step: DunningStep;
  /** The first clinic-local day it may be sent. */
  readonly dueOn: LocalDate;
  /** Fee this step may carry (0 when the rules allow none). */
  readonly feeMinor: number;
  /** What the client is asked for: the balance (earlier fees included) plus this step's fee. */
  readonly amountMinor: number;
}

const daysBetween = (from: LocalDate, to: LocalDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The next step and the day it falls due, or null when chasing is over or stopped. */
export function nextDunningStep(state: DunningState, schedule: DunningSchedule): NextStep | null {
  if (state.settled || state.balanceMinor <= 0 || !state.dueDate) return null;
  const last = state.done[state.done.length - 1];
  const index = last ? DUNNING_STEPS.indexOf(last.step) + 1 : 0;
  const step = DUNNING_STEPS[index];
  if (!step) return null;
  let dueOn: LocalDate;
  switch (step) {
    case 'reminder': dueOn = addDays(state.dueDate, schedule.reminderAfterDueDays); break;
    case 'second_reminder': dueOn = addDays(last!.on, schedule.secondReminderAfterDays); break;
    case 'final_notice': dueOn = addDays(last!.on, schedule.finalNoticeAfterDays); break;
    // The day after the final notice's deadline (payByDate): the client has every day it gives.
    default: dueOn = addDays(finalNoticeDeadline(last!.on, schedule), 1);
  }
  const feesCharged = state.done.filter((d) => d.feeMinor > 0).length;
  const feeable = step !== 'debt_collection' && schedule.reminderFeeMinor > 0 && feesCharged < MAX_FEES_PER_CLAIM.value && daysBetween(state.dueDate, dueOn) >= FEE_AFTER_DUE_MIN_DAYS.value;
  const feeMinor = feeable ? schedule.reminderFeeMinor : 0;
  return { step, dueOn, feeMinor, amountMinor: amountToAsk(BALANCE_AMOUNT, { balanceMinor: state.balanceMinor, feeMinor }) };
}

/** Whether the next step should go out today (and not while a payment is processing). */
export function dunningDueToday(state: DunningState, schedule: DunningSchedule, today: LocalDate): NextStep | null {
  if (state.paymentProcessing) return null;
  const next = nextDunningStep(state, schedule);
  return next && next.dueOn <= today ? next : null;
}

/**
 * The inkassovarsel's deadline: at least 14 days from the day it is sent (inkassoloven § 9;
 * the clinic may give more).
 */
export function finalNoticeDeadline(sentOn: LocalDate, schedule: DunningSchedule): LocalDate {
  return addDays(sentOn, Math.max(FINAL_NOTICE_MIN_DAYS.value, schedule.finalNoticeGivesDays));
}

/**
 * The day a message asks to be paid by, from the day it is sent (issue 12: a reminder sent on
 * 23 December said "pay by 16 December"). Every date is in the future:
 * - a payment link: the invoice's due date, or no date once that has passed (pay now);
 * - a reminder: the day before the next step would go;
 * - the final notice: at least 14 days ahead; debt collection follows the day after.
 * '' when the message should give no date.
 */
export function payByDate(kind: 'payment_link' | DunningStep, invoiceDueDate: LocalDate | '', sentOn: LocalDate, schedule: DunningSchedule): LocalDate | '' {
  const tomorrow = addDays(sentOn, 1);
  const atLeastTomorrow = (day: LocalDate) => (day < tomorrow ? tomorrow : day);
  switch (kind) {
    case 'payment_link': return invoiceDueDate !== '' && invoiceDueDate >= sentOn ? invoiceDueDate : '';
    case 'reminder': return atLeastTomorrow(addDays(sentOn, schedule.secondReminderAfterDays - 1));
    case 'second_reminder': return atLeastTomorrow(addDays(sentOn, schedule.finalNoticeAfterDays - 1));
    case 'final_notice': return finalNoticeDeadline(sentOn, schedule);
    case 'debt_collection': return '';
  }
}
