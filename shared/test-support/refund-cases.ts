/**
 * Random refund histories of one paid Checkout Session, as Stripe reports them: the payment's
 * event, then for each refund the events Stripe emits as it is made and as its status moves
 * (refund.created, charge.refunded with or without its list, refund.updated,
 * charge.refund.updated, refund.failed) — and the refund total Stripe shows at the end
 * (the charge's amount_refunded: every refund not failed or cancelled). The property tests
 * on the desk and on the server deliver these in mixed orders and with duplicates
 * (docs/decisions/0029-refunds-by-refund-id.md). Pure; imported by tests only.
 */
import { seededRandom } from '../domain/seeded-random.js';

type Json = Record<string, unknown>;
/** Plain JSON copies (shared/ has no DOM or Node globals). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface RefundCase {
  readonly name: string;
  readonly requestId: string;
  readonly invoiceId: string;
  readonly sessionId: string;
  readonly paymentRef: string;
  readonly chargeRef: string;
  readonly amountMinor: number;
  /** checkout.session.completed, paid. */
  readonly paymentEvent: Json;
  /** Every refund event, in the order Stripe made them. */
  readonly refundEvents: readonly Json[];
  /** Each refund as Stripe has it at the end (what GET /v1/refunds answers). */
  readonly refundsNow: readonly Json[];
  /** Σ refunds that took money back, at the end. */
  readonly expectedRefundedMinor: number;
}

type Status = 'pending' | 'succeeded' | 'failed' | 'canceled';
/** The status paths a refund may take (Stripe: pending and requires_action may be cancelled; any may fail). */
const PATHS: readonly (readonly Status[])[] = [['succeeded'], ['pending', 'succeeded'], ['succeeded', 'failed'], ['pending', 'failed'], ['pending', 'canceled'], ['pending']];

export function refundCase(seed: number, clinicId: string, desk = false): RefundCase {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const tag = `${seed.toString(36)}${desk ? 'd' : 's'}`;
  const requestId = `pr-rf-${tag}`;
  const invoiceId = `inv-rf-${tag}`;
  const sessionId = `cs_test_rf${tag}`;
  const paymentRef = `pi_test_rf${tag}`;
  const chargeRef = `ch_test_rf${tag}`;
  const amountMinor = 10_000 + Math.floor(random() * 40) * 1_000;
  const metadata = { clinic_id: clinicId, invoice_id: invoiceId, payment_request_id: requestId };
  /** How this endpoint's charge.refunded events look: with the list (an older API version) or without (the pinned one). */
  const listed = random() < 0.5;
  let clock = 1_772_442_000;
  let eventNo = 0;
  const event = (type: string, object: Json): Json => ({
    id: `evt_rf${tag}_${++eventNo}`, object: 'event', type, created: (clock += 30), api_version: '2026-10-28.endive', livemode: false,
    data: { object: copy(object) }, pending_webhooks: 1, request: { id: null, idempotency_key: null },
  });

  const paymentEvent = event('checkout.session.completed', {
    id: sessionId, object: 'checkout.session', amount_total: amountMinor, currency: 'nok', metadata, payment_intent: paymentRef, payment_status: 'paid', status: 'complete',
  });
  const refunds: Json[] = [];
  const counted = () => refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((s, r) => s + Number(r.amount), 0);
  const charge = (): Json => ({
    id: chargeRef, object: 'charge', amount: amountMinor, amount_refunded: counted(), currency: 'nok', payment_intent: paymentRef, metadata,
    ...(listed ? { refunds: { object: 'list', data: copy(refunds), has_more: false } } : {}),
  });
  const refundEvents: Json[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const room = amountMinor - counted();
    if (room <= 0) break;
    const amount = Math.max(1, Math.min(room, 500 + Math.floor(random() * (room / 500)) * 500));
    const path = pick(PATHS);
    const refund: Json = {
      id: `re_test_rf${tag}${i}`, object: 'refund', amount, currency: 'nok', charge: chargeRef, payment_intent: paymentRef, status: path[0], created: clock, metadata: {},
    };
    refunds.unshift(refund);
    refundEvents.push(event('refund.created', refund), event('charge.refunded', charge()));
    for (const status of path.slice(1)) {
      refund.status = status;
      if (status === 'failed') refundEvents.push(event('refund.failed', refund));
      refundEvents.push(event('refund.updated', refund), event('charge.refund.updated', refund));
    }
  }
  return {
    name: `case ${seed} (${refunds.length} refunds, ${listed ? 'listed' : 'not listed'} on charges)`,
    requestId, invoiceId, sessionId, paymentRef, chargeRef, amountMinor, paymentEvent, refundEvents,
    refundsNow: refunds.map((r) => copy(r)), expectedRefundedMinor: counted(),
  };
}

/** The deliveries: every event at least once, up to `maxCopies` times, shuffled (a seeded order). */
export function shuffledDeliveries<T>(events: readonly T[], seed: number, maxCopies = 3): T[] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const out: T[] = [];
  for (const e of events) for (let n = 1 + Math.floor(random() * maxCopies); n > 0; n--) out.push(e);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
