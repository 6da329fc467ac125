/**
 * SQL for refunds reported by Stripe (migration 8; docs/decisions/0029-refunds-by-refund-id.md):
 * which clinic and payment request a payment intent belongs to, learnt from verified events
 * that carry our metadata, and refunds that arrived before any such event. Imported by
 * server/payments only.
 */
import type { RefundSeen } from '../../shared/domain/refund-facts.js';
import type { Queryable } from '../store/store.js';

export interface PaymentOwner {
  readonly clinicId: string;
  /** '' for payments recorded before the owner was kept. */
  readonly requestId: string;
}

/**
 * One payment intent's events one at a time: a refund that finds no owner and waits, and the
 * payment that would take it from waiting, never pass each other (READ COMMITTED). Taken before
 * the clinic's lock in both, so the two locks are always taken in the same order.
 */
export async function lockPaymentRef(tx: Queryable, paymentRef: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stripe-payment:${paymentRef}`]);
}

/** Remembers whose payment intent this is; the first owner stays (Stripe's ids are unique). */
export async function recordPaymentOwner(tx: Queryable, paymentRef: string, owner: PaymentOwner): Promise<void> {
  await tx.query(
    `INSERT INTO stripe_payment_refs (payment_ref, clinic_id, request_id) VALUES ($1, $2, $3)
     ON CONFLICT (payment_ref) DO UPDATE SET request_id = EXCLUDED.request_id
     WHERE stripe_payment_refs.request_id = '' AND stripe_payment_refs.clinic_id = EXCLUDED.clinic_id`,
    [paymentRef, owner.clinicId, owner.requestId],
  );
}

export async function paymentOwner(q: Queryable, paymentRef: string): Promise<PaymentOwner | null> {
  const rows = await q.query<{ clinic_id: string; request_id: string }>('SELECT clinic_id, request_id FROM stripe_payment_refs WHERE payment_ref = $1', [paymentRef]);
  return rows[0] ? { clinicId: rows[0].clinic_id, requestId: rows[0].request_id } : null;
}

/** Keeps refunds for a payment intent nobody has named yet; a redelivery keeps them once. */
export async function keepWaitingRefunds(tx: Queryable, eventId: string, refunds: readonly RefundSeen[], at: Date): Promise<void> {
  for (const seen of refunds) {
    await tx.query(
      `INSERT INTO stripe_waiting_refunds (event_id, refund_ref, payment_ref, seen, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [eventId, seen.refundRef, seen.paymentRef, JSON.stringify(seen), at],
    );
  }
}

/** Takes (reads and deletes) the refunds waiting for this payment intent (their order does not matter: refund-facts.ts). */
export async function takeWaitingRefunds(tx: Queryable, paymentRef: string): Promise<RefundSeen[]> {
  const rows = await tx.query<{ seen: RefundSeen | string }>(
    'DELETE FROM stripe_waiting_refunds WHERE payment_ref = $1 RETURNING seen, received_at',
    [paymentRef],
  );
  return rows.map((r) => (typeof r.seen === 'string' ? (JSON.parse(r.seen) as RefundSeen) : r.seen));
}
