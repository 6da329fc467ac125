/**
 * The Norwegian rules for chasing a debt that the desk enforces, in one place, each with its
 * source and the day it applies from (issue 12 point 8). Every clinic follows them — the
 * strictest rules we serve — so a change in the law is a change here and nowhere else.
 * Pure; imported by dunning.ts (steps and deadlines) and reminder-fees.ts (fee cap).
 *
 * Sources, as the desk reads them (check against Lovdata before a release that touches them):
 * - Inkassoloven (lov 13. mai 1988 nr. 26) § 9: a written demand (inkassovarsel) giving the
 *   debtor at least 14 days from when it is sent, saying that collection follows if it is not
 *   paid.
 * - Forskrift til inkassoloven (inkassoforskriften) § 1-2: the reminder fee (purregebyr) a creditor
 *   may charge is at most a tenth of the inkassosats; a fee only on a reminder sent at least 14
 *   days after the due date, and at most two fees for the same claim.
 * - The inkassosats is set by regulation each year; 700 kr has applied since 1 January 2024
 *   (so the fee cap is 70 kr).
 * - Pending: a bill before the Storting would let only debt collectors send the inkassovarsel.
 *   Its status could not be checked from this environment (no internet); see
 *   docs/decisions/0027-chasing-deadlines.md.
 */

export interface DebtRule<T> {
  readonly value: T;
  /** Where the rule comes from, for whoever checks it. */
  readonly source: string;
  /** The first day (ISO date) the figure applies. */
  readonly appliesFrom: string;
}

/** Days the inkassovarsel gives, at least, from the day it is sent. */
export const FINAL_NOTICE_MIN_DAYS: DebtRule<number> = { value: 14, source: 'inkassoloven § 9', appliesFrom: '1989-01-01' };

/** Days after the due date before a reminder may carry a fee. */
export const FEE_AFTER_DUE_MIN_DAYS: DebtRule<number> = { value: 14, source: 'inkassoforskriften § 1-2', appliesFrom: '1989-01-01' };

/** Reminder fees one claim may carry, at most. */
export const MAX_FEES_PER_CLAIM: DebtRule<number> = { value: 2, source: 'inkassoforskriften § 1-2', appliesFrom: '1989-01-01' };

/** The highest reminder fee, in øre: a tenth of the inkassosats of 700 kr. */
export const REMINDER_FEE_MAX_MINOR: DebtRule<number> = { value: 7_000, source: 'inkassoforskriften § 1-2 (a tenth of the inkassosats, 700 kr)', appliesFrom: '2024-01-01' };
