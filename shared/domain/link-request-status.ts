/**
 * A payment request's status from every provider event recorded for it (pure). Computed
 * from the whole set, never from "the last event", so the outcome is the same whatever
 * order Stripe delivers in (an async_payment_succeeded may arrive before its completed).
 * Imported by server/payments/apply-stripe-event.ts and tests.
 *
 * Rules:
 * - any succeeded → paid (money is money, whatever the request said before);
 * - per link (Checkout Session): failed beats processing beats expired — a session that
 *   went processing and then failed has failed, and a session that completed never expires;
 * - the request's current link speaks for it; a link it replaced counts only while its
 *   money is on the way (processing): staff expire a replaced link, and that expiry must not
 *   mark the new one expired;
 * - paid, cancelled and superseded are not undone by anything but money: a failure only
 *   adds its reason as the problem;
 * - otherwise processing → processing, failed → sent (the client may pay with a new link),
 *   expired → expired.
 */
import type { StatusEvent } from './provider-events.js';

export interface RecordedOutcome {
  readonly type: StatusEvent['type'];
  /** The Checkout Session the event was about. */
  readonly providerRef: string;
  /** Why a payment failed, or ''. */
  readonly reason: string;
}

export interface RequestState {
  readonly status: string;
  readonly problem: string;
  /** The request's current link ('' while the desk has not recorded one). */
  readonly providerRef: string;
}

const STAYS = new Set(['paid', 'cancelled', 'superseded']);
type LinkOutcome = 'failed' | 'processing' | 'expired';
const LINK_RANK: Readonly<Record<LinkOutcome, number>> = { failed: 3, processing: 2, expired: 1 };
const REQUEST_RANK: Readonly<Record<LinkOutcome, number>> = { processing: 3, failed: 2, expired: 1 };

export function requestAfterEvents(request: RequestState, outcomes: readonly RecordedOutcome[]): { status: string; problem: string } {
  const unchanged = { status: request.status, problem: request.problem };
  if (outcomes.some((o) => o.type === 'succeeded')) return { status: 'paid', problem: '' };

  const perLink = new Map<string, { outcome: LinkOutcome; reason: string }>();
  for (const o of outcomes) {
    if (o.type === 'succeeded') continue;
    const seen = perLink.get(o.providerRef);
    if (!seen || LINK_RANK[o.type] > LINK_RANK[seen.outcome]) perLink.set(o.providerRef, { outcome: o.type, reason: o.reason });
  }
  let best: { outcome: LinkOutcome; reason: string } | null = null;
  for (const [ref, link] of perLink) {
    const speaks = request.providerRef === '' || ref === request.providerRef || link.outcome === 'processing';
    if (!speaks) continue;
    // Ties (two links with the same outcome) keep the smaller reason text: any fixed choice will do.
    if (!best || REQUEST_RANK[link.outcome] > REQUEST_RANK[best.outcome]
      || (link.outcome === best.outcome && link.reason < best.reason)) best = link;
  }

  if (!best) {
    // Only replaced links that failed or expired: the current link is live. A "processing"
    // left by a replaced link whose payment then failed goes back to "sent".
    return request.status === 'processing' ? { status: 'sent', problem: '' } : unchanged;
  }
  if (STAYS.has(request.status)) return best.outcome === 'failed' ? { status: request.status, problem: best.reason } : unchanged;
  switch (best.outcome) {
    case 'processing': return { status: 'processing', problem: '' };
    case 'failed': return { status: 'sent', problem: best.reason };
    case 'expired': return { status: 'expired', problem: '' };
  }
}
