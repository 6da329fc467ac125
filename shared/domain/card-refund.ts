/**
 * Refund to card (issue 12 point 5; docs/decisions/0030-refund-to-card.md): which of a client's
 * payments by link a refund of their credit goes back to, and what it may be. Pure: main asks
 * these rules before it asks the provider, and the renderer asks them to offer the choice at all.
 */
import type { PaymentDoc } from '../schemas/index.js';
import { checkAmount, type AmountContext } from './payment-rules.js';
import { isRefundReversal } from './refund-facts.js';
import { refuse, ok, type Result } from './result.js';
import { moneyValue } from '../i18n/text.js';

export type CardPayment = Pick<PaymentDoc, 'id' | 'invoiceId' | 'amountMinor' | 'at' | 'externalRef'>;

/** The client's payments by link that reached the clinic (a provider's payment, not a refund coming back), newest first. */
export function cardPayments(facts: readonly Pick<PaymentDoc, 'id' | 'kind' | 'method' | 'invoiceId' | 'amountMinor' | 'at' | 'externalRef'>[]): CardPayment[] {
  return facts
    .filter((f) => f.kind === 'payment' && f.method === 'payment_link' && f.externalRef !== '' && !isRefundReversal(f))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The amount of a refund to card: within the client's credit, and something to refund it to. */
export function planCardRefund(creditMinor: number, payments: readonly CardPayment[], amount: string | number, ctx: AmountContext): Result<number> {
  const checked = checkAmount(amount, ctx);
  if (!checked.ok) return checked;
  if (payments.length === 0) return refuse('refund.refused.noCard', 'amount');
  if (creditMinor <= 0) return refuse('refund.refused.noCredit', 'amount');
  if (checked.value > creditMinor) return refuse('refund.refused.overCredit', { credit: moneyValue(creditMinor, ctx.currency), amount: moneyValue(checked.value, ctx.currency) }, 'amount');
  return ok(checked.value);
}

/**
 * The payment to refund to: the newest that still has the amount left at the provider (one
 * payment per refund, so the client sees one refund on one card). `left` is what the provider
 * says is still refundable of each. Null, with the most any one payment has left, when none does.
 */
export function cardToRefund(payments: readonly CardPayment[], left: ReadonlyMap<string, number>, amountMinor: number): CardPayment | { readonly mostMinor: number } {
  for (const p of payments) if ((left.get(p.externalRef) ?? 0) >= amountMinor) return p;
  return { mostMinor: Math.max(0, ...payments.map((p) => left.get(p.externalRef) ?? 0)) };
}

/**
 * The claim that makes two desks' refunds of the same credit one (like a send's claim): the
 * client, how many card refunds of their credit the books already hold, and the clinic's day. A
 * second desk that has not yet heard of the first one's refund asks the same key and is refused;
 * a claim a failed refund left behind (its retry never came) holds only until the day ends.
 */
export function cardRefundClaimKey(clientId: string, facts: readonly Pick<PaymentDoc, 'kind' | 'method' | 'invoiceId'>[], day: string): string {
  const done = facts.filter((f) => f.kind === 'refund' && f.method === 'payment_link' && f.invoiceId === '').length;
  return `card-refund:${clientId}:${done}:${day}`;
}
