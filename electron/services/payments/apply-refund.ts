/**
 * Records a provider refund on this desk's database (a standalone desk's Stripe events, the
 * answer to its own Refund to card, the sandbox): the facts the shared rule calls for
 * (shared/domain/refund-facts.ts), each once, and a line in the log of the invoice whose
 * payment it refunds. Enrolled desks never call this — the sync server records refunds
 * from Stripe's webhooks by the same rule. Node-only; used by main's payment services.
 */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { activityEntry } from '../../../shared/db/activity-log.js';
import { paymentIdFor } from '../../../shared/domain/payment-link-events.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';
import { refundFacts, type RefundSeen } from '../../../shared/domain/refund-facts.js';
import { moneyValue, text } from '../../../shared/i18n/text.js';
import { localList } from '../../../shared/db/local-list.js';

export type RefundResult = 'applied' | 'duplicate' | 'waiting';

/**
 * Refunds of a payment this desk has not recorded yet (a refund's event before its payment's):
 * kept in a local document and recorded when the payment is (applyWaitingRefunds), as the sync
 * server does with its stripe_waiting_refunds table. Capped: a refund of a payment that never
 * comes is not ours.
 */
const waitingRefunds = localList<RefundSeen>('waiting-refunds', (entries) => entries.slice(-500));

export async function applyRefund(db: ClinicDatabase, seen: RefundSeen, now: string, desk: string): Promise<RefundResult> {
  const paid = await db.payments.findOne(paymentIdFor(seen.paymentRef)).exec();
  if (!paid) {
    await waitingRefunds.change(db, (entries) => (entries.some((e) => e.refundRef === seen.refundRef && e.state === seen.state) ? entries : [...entries, seen]));
    return 'waiting';
  }
  const amount = moneyValue(seen.amountMinor, seen.currency);
  let result: RefundResult = 'duplicate';
  for (const fact of refundFacts(seen, paid, desk)) {
    if (await db.payments.findOne(fact.id).exec()) continue;
    await db.payments.insert(fact);
    result = 'applied';
    const summary = fact.kind === 'payment'
      ? text('main.log.refundReversed', { amount })
      : text(seen.ofCredit ? 'main.log.refundToCardConfirmed' : 'main.log.refund', { amount });
    await db.activity.insert(activityEntry({
      entity: 'invoice', entityId: paid.invoiceId, action: fact.kind === 'payment' ? 'link.refundReversed' : 'link.refunded', summary, at: now, by: SYSTEM_ACTOR, deskId: desk,
    }));
  }
  return result;
}

/** Records the refunds that waited for this payment (call after recording a payment by link). */
export async function applyWaitingRefunds(db: ClinicDatabase, paymentRef: string, now: string, desk: string): Promise<void> {
  const mine = (await waitingRefunds.read(db)).filter((e) => e.paymentRef === paymentRef);
  if (mine.length === 0) return;
  // Only those now recorded go: if the payment still is not here (its request was unknown), they keep waiting.
  const done: RefundSeen[] = [];
  for (const seen of mine) if ((await applyRefund(db, seen, now, desk)) !== 'waiting') done.push(seen);
  if (done.length > 0) await waitingRefunds.change(db, (entries) => entries.filter((e) => !done.some((d) => d.refundRef === e.refundRef && d.state === e.state)));
}
