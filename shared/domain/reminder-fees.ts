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

export const reminderFeeId = (invoiceId: string, step: DunningStep) => `fee-${step}-${invoiceId}`.slice(0, 40);

export interface FeeFacts {
  readonly invoiceId: string;
  readonly clientId: string;
  readonly step: DunningStep;
  readonly amountMinor: number;
  readonly currency: PaymentDoc['currency'];
  readonly at: string;
}

export function reminderFeeFact(f: FeeFacts): PaymentDoc {
  return moneyFact({
    id: reminderFeeId(f.invoiceId, f.step), kind: 'fee', invoiceId: f.invoiceId, clientId: f.clientId, method: 'other',
    amountMinor: f.amountMinor, currency: f.currency, at: f.at, recordedBy: SYSTEM_ACTOR,
  });
}

/** A fee the chasing recorded: it moves no money in, so the desk's reception may sync it. */
export function isChasingFee(doc: Readonly<Record<string, unknown>>): boolean {
  return doc.kind === 'fee' && doc.recordedBy === SYSTEM_ACTOR;
}
