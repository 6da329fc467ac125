/**
 * A refund the payment provider reports → the money facts that record it, whoever records
 * it (the sync server from Stripe's webhooks, a standalone desk from Stripe's event list or
 * from the answer to its own refund, the sandbox). Pure; importable from every runtime
 * (docs/decisions/0029-refunds-by-refund-id.md).
 *
 * Every refund is keyed by the provider's refund id on every path, so the same refund is
 * the same document whoever saw it first and however often: `refund-<id>`. Facts stay
 * append-only (docs/design.md invariant 2): a refund that later fails or is cancelled keeps
 * its fact and gains a second one, `refund-back-<id>`, that puts the money back — a
 * payment by link of the same amount, so every balance and ledger already reads it right
 * and a desk of the previous release stores it too. Whatever order the states arrive in,
 * the two facts exist exactly when the refund is known and when it was reversed, so the
 * books end at the refund total the provider shows.
 */
import type { PaymentDoc } from '../schemas/index.js';
import type { CurrencyCode } from './money.js';
import { SYSTEM_ACTOR } from './permissions.js';

/** What we know of one provider refund at one moment. */
export interface RefundSeen {
  /** The provider's refund id (Stripe: re_…, pyr_…). */
  readonly refundRef: string;
  /** The payment it refunds (Stripe: the payment intent), as our payment fact names it. */
  readonly paymentRef: string;
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
  /** 'counted': the money went (or is going) back; 'reversed': the refund failed or was cancelled. */
  readonly state: 'counted' | 'reversed';
  /** When the refund was made (Stripe: its `created`). */
  readonly madeAt: string;
  /** When this state was reported (the event's time): the reversal's date. */
  readonly seenAt: string;
  /** A refund the desk made of the client's credit (Refund to card): recorded on the credit, not on the invoice it paid. */
  readonly ofCredit: boolean;
}

/** Stripe's refund statuses: failed and canceled ones gave nothing back (pending ones are on their way). */
export const refundStateOf = (status: unknown): RefundSeen['state'] => (status === 'failed' || status === 'canceled' ? 'reversed' : 'counted');

/** Refund ids from the provider's reference: the same refund is always the same document. */
export const refundIdFor = (refundRef: string) => `refund-${refundRef}`.slice(0, 40);
const REVERSAL_PREFIX = 'refund-back-';
export const refundReversalIdFor = (refundRef: string) => `${REVERSAL_PREFIX}${refundRef}`.slice(0, 40);

/** The payment by link a refund belongs to: where its facts are recorded. */
export type RefundedPayment = Pick<PaymentDoc, 'invoiceId' | 'clientId' | 'currency'>;

/**
 * The facts a refund's state calls for; the caller inserts each one that does not exist
 * yet. Empty when the currency is not the payment's (not money of these books).
 */
export function refundFacts(seen: RefundSeen, paid: RefundedPayment, desk: string): PaymentDoc[] {
  if (seen.currency !== paid.currency || !Number.isSafeInteger(seen.amountMinor) || seen.amountMinor <= 0) return [];
  const base = {
    // A refund of an invoice's payment makes that part owed again; a refund of credit lowers the credit.
    invoiceId: seen.ofCredit ? '' : paid.invoiceId, clientId: paid.clientId, method: 'payment_link' as const,
    amountMinor: seen.amountMinor, currency: seen.currency, recordedBy: SYSTEM_ACTOR, recordedOn: desk, tenderedMinor: 0, externalRef: seen.refundRef.slice(0, 120),
  };
  const refund: PaymentDoc = { ...base, id: refundIdFor(seen.refundRef), kind: 'refund', at: seen.madeAt };
  if (seen.state === 'counted') return [refund];
  // The money came back: the same amount in again, on the date Stripe said so (never before the refund).
  const backAt = seen.seenAt > seen.madeAt ? seen.seenAt : seen.madeAt;
  return [refund, { ...base, id: refundReversalIdFor(seen.refundRef), kind: 'payment', at: backAt }];
}

/**
 * A payment that is a failed or cancelled refund coming back (labels, day sheet, ledger). Its
 * id says so: the sync server takes a provider payment only under the id its reference gives
 * (shared/sync/push-rules.ts), and a desk's own payments take ids from operation ids.
 */
export const isRefundReversal = (fact: { readonly id: string; readonly kind: string; readonly method: string | null }): boolean =>
  fact.kind === 'payment' && fact.method === 'payment_link' && fact.id.startsWith(REVERSAL_PREFIX);
