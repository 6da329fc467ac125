/**
 * The Outstanding list (issue 14 point 3): every open invoice with how long it is overdue and
 * where its chasing stands, filtered, sorted and totalled by one set of rules, and the rule for
 * marking one ready for debt collection by hand. Pure; `daysOverdue` is also the calendar's and
 * the day sheet's rule for "overdue"; the Outstanding screen and its bulk actions (still to come)
 * read the rest.
 */
import { DUNNING_STEPS, finalNoticeDeadline, type DunningSchedule, type DunningStep, type StepDone } from './dunning.js';
import type { LocalDate } from './time.js';
import { dayValue, text, type Text } from '../i18n/text.js';

export interface OutstandingRow {
  readonly invoiceId: string;
  readonly clientId: string;
  /** The booking's practitioner, '' for an invoice without one. */
  readonly practitionerId: string;
  readonly number: number;
  readonly dueDate: LocalDate | '';
  readonly balanceMinor: number;
  /** The last chasing step sent, or 'none'. */
  readonly step: DunningStep | 'none';
}

/** Whole days past the due date on `today`; 0 when not yet due or without a date. */
export function daysOverdue(dueDate: LocalDate | '', today: LocalDate): number {
  if (!dueDate) return 0;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

/** The last step sent of the steps done, in chasing order. */
export function lastStep(done: readonly Pick<StepDone, 'step'>[]): DunningStep | 'none' {
  let index = -1;
  for (const d of done) index = Math.max(index, DUNNING_STEPS.indexOf(d.step));
  return index < 0 ? 'none' : DUNNING_STEPS[index]!;
}

export interface OutstandingFilter {
  /** At least this many days overdue (0: everything open). */
  readonly overdueAtLeastDays?: number;
  readonly practitionerId?: string;
  readonly step?: DunningStep | 'none';
  readonly minBalanceMinor?: number;
  readonly maxBalanceMinor?: number;
}

export function matchesOutstanding(row: OutstandingRow, filter: OutstandingFilter, today: LocalDate): boolean {
  if (row.balanceMinor <= 0) return false;
  if (filter.overdueAtLeastDays !== undefined && filter.overdueAtLeastDays > 0 && daysOverdue(row.dueDate, today) < filter.overdueAtLeastDays) return false;
  if (filter.practitionerId !== undefined && row.practitionerId !== filter.practitionerId) return false;
  if (filter.step !== undefined && row.step !== filter.step) return false;
  if (filter.minBalanceMinor !== undefined && row.balanceMinor < filter.minBalanceMinor) return false;
  if (filter.maxBalanceMinor !== undefined && row.balanceMinor > filter.maxBalanceMinor) return false;
  return true;
}

export type OutstandingSort = 'overdue' | 'balance' | 'number' | 'step';

const STEP_RANK: Readonly<Record<DunningStep | 'none', number>> = { none: 0, reminder: 1, second_reminder: 2, final_notice: 3, debt_collection: 4 };

/** Rows in `sort` order (`descending`: largest first); ties by invoice number, so the order never depends on the input's. */
export function sortOutstanding(rows: readonly OutstandingRow[], sort: OutstandingSort, descending: boolean, today: LocalDate): OutstandingRow[] {
  const key = (r: OutstandingRow): number => {
    switch (sort) {
      case 'overdue': return daysOverdue(r.dueDate, today);
      case 'balance': return r.balanceMinor;
      case 'step': return STEP_RANK[r.step];
      default: return r.number;
    }
  };
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * (key(a) - key(b)) || a.number - b.number || a.invoiceId.localeCompare(b.invoiceId));
}

export interface OutstandingTotals {
  readonly count: number;
  readonly balanceMinor: number;
  readonly overdueCount: number;
  readonly overdueMinor: number;
}

export function outstandingTotals(rows: readonly OutstandingRow[], today: LocalDate): OutstandingTotals {
  let balanceMinor = 0; let overdueCount = 0; let overdueMinor = 0;
  for (const r of rows) {
    balanceMinor += r.balanceMinor;
    if (daysOverdue(r.dueDate, today) > 0) { overdueCount++; overdueMinor += r.balanceMinor; }
  }
  return { count: rows.length, balanceMinor, overdueCount, overdueMinor };
}

/**
 * Why an invoice may not be marked ready for debt collection today, or null: its inkassovarsel
 * (the final notice) must have gone, and every day it gave the client must have passed
 * (inkassoloven § 9: at least 14 days; decision 0012). The same rule the chasing follows.
 */
export function markReadyRefusal(done: readonly StepDone[], schedule: DunningSchedule, today: LocalDate): Text | null {
  if (done.some((d) => d.step === 'debt_collection')) return text('outstanding.refused.alreadyMarked');
  const notice = done.find((d) => d.step === 'final_notice');
  if (!notice) return text('outstanding.refused.noFinalNotice');
  const deadline = finalNoticeDeadline(notice.on, schedule);
  return today > deadline ? null : text('outstanding.refused.deadlineNotPassed', { deadline: dayValue(deadline) });
}
