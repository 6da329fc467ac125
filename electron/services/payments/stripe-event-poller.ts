/**
 * A standalone desk (no sync server to receive webhooks) asks Stripe for its events
 * instead: each tick lists the events after the last one applied (`ending_before`, as
 * Stripe recommends), oldest first, maps them with the same rules as the server's webhook
 * (shared/domain/stripe-events.ts) and applies them on the desk. The cursor is kept in
 * the data folder, so a restart neither skips nor repeats (repeats would be harmless:
 * payment ids come from Stripe's references). Node-only; used by main's payment service.
 */
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import type { LinkEvent } from '../../../shared/domain/payment-link-events.js';
import { isCurrency } from '../../../shared/domain/money.js';
import { mapStripeEvent, REFUND_EVENT_TYPES, refundSeenOf, type StripeEventLike } from '../../../shared/domain/stripe-events.js';
import type { RefundSeen } from '../../../shared/domain/refund-facts.js';
import type { DeskProviderEvent } from './types.js';
import type { PaymentEvent } from '../../../shared/domain/provider-events.js';
import type { StripeConnectionOptions } from './stripe-provider.js';
import { writePrivateFile } from '../private-files.js';

const TYPES = [
  'checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired',
  'charge.refunded', ...REFUND_EVENT_TYPES,
];

export interface StripeEventPoller {
  /** Applies what is new; resolves with how many events were read. */
  poll(): Promise<number>;
}

/** Our event as the desk's applier takes it: a currency we keep books in (others are not ours). */
export function toLinkEvent(e: PaymentEvent): LinkEvent | null {
  switch (e.type) {
    case 'processing': return { type: 'processing', eventId: e.eventId, requestId: e.requestId, providerRef: e.providerRef };
    case 'failed': return { type: 'failed', eventId: e.eventId, requestId: e.requestId, providerRef: e.providerRef, reason: e.reason };
    case 'expired': return { type: 'expired', eventId: e.eventId, requestId: e.requestId, providerRef: e.providerRef };
    case 'succeeded': {
      const currency = e.currency.toUpperCase();
      return isCurrency(currency) ? { type: 'succeeded', eventId: e.eventId, requestId: e.requestId, providerRef: e.providerRef, paymentRef: e.paymentRef, amountMinor: e.amountMinor, currency, at: e.at } : null;
    }
  }
}

/**
 * One Stripe event as this desk applies it: a link's event through the link rule, each refund
 * by its id — asking Stripe for a charge's refunds when the event does not list them. The
 * poller's path, and the desk's property test's (refunds-on-desk.test.ts).
 */
export async function applyOnDesk(
  event: StripeEventLike,
  deps: { listRefunds: (chargeRef: string, paymentRef: string, seenAt: number) => Promise<RefundSeen[]>; apply: (event: DeskProviderEvent) => Promise<void> },
): Promise<void> {
  const mapped = mapStripeEvent(event);
  if (mapped.kind === 'ignore') return;
  if (mapped.kind === 'apply') {
    for (const e of mapped.events) {
      const link = toLinkEvent(e);
      if (link) await deps.apply(link);
    }
    return;
  }
  const refunds = mapped.complete ? mapped.refunds : await deps.listRefunds(mapped.chargeRef, mapped.paymentRef, event.created);
  for (const seen of refunds) await deps.apply({ type: 'refund', eventId: event.id, seen });
}

export function createStripeEventPoller(options: {
  secretKey: string;
  stripeOptions?: StripeConnectionOptions;
  dataDir: string;
  apply: (event: DeskProviderEvent) => Promise<void>;
  log: (line: string) => void;
  /** The Checkout Sessions of this desk's open links (sent or processing), for when Stripe no longer lists the events since the last one seen. */
  openSessions?: () => Promise<string[]>;
  /** The desk's clock: when a state read from a session (not an event) is recorded. */
  now?: () => Date;
}): StripeEventPoller {
  // No telemetry to Stripe, as the provider's client (stripe-provider.ts).
  const stripe = new Stripe(options.secretKey, { ...options.stripeOptions, telemetry: false });
  const file = path.join(options.dataDir, 'stripe-events-cursor.json');
  const readCursor = (): string | null => {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { last: string | null }).last;
    } catch {
      return null;
    }
  };
  const writeCursor = (last: string) => writePrivateFile(file, JSON.stringify({ last }));
  /**
   * At the pinned API version a charge no longer carries its refunds (since 2022-11-15): ask
   * Stripe for that charge's refunds, so each is recorded by its own id, counted or reversed
   * (issue 12 point 4; docs/decisions/0029-refunds-by-refund-id.md).
   */
  const listedRefunds = async (chargeRef: string, paymentRef: string, seenAt: number): Promise<RefundSeen[]> => {
    const refunds: RefundSeen[] = [];
    const query = chargeRef ? { charge: chargeRef, limit: 100 } : { payment_intent: paymentRef, limit: 100 };
    for await (const refund of stripe.refunds.list(query)) {
      const seen = refundSeenOf(refund, seenAt);
      if (seen && seen.paymentRef === paymentRef) refunds.push(seen);
    }
    return refunds;
  };
  /** Each open link's session as an event of its state (completed, expired), through the same mapping. */
  const fromOpenSessions = async (): Promise<number> => {
    let applied = 0;
    for (const ref of (await options.openSessions?.()) ?? []) {
      const session = await stripe.checkout.sessions.retrieve(ref);
      const type = session.status === 'complete' ? 'checkout.session.completed' : session.status === 'expired' ? 'checkout.session.expired' : null;
      if (!type) continue;
      const at = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
      await applyEvent({ id: `state-${session.id}-${session.status}`, type, created: at, data: { object: session } } as unknown as Stripe.Event);
      applied++;
    }
    return applied;
  };
  const applyEvent = (event: Stripe.Event) => applyOnDesk(event as unknown as StripeEventLike, { listRefunds: listedRefunds, apply: options.apply });
  return {
    async poll() {
      let cursor = readCursor();
      let read = 0;
      if (cursor === null) {
        // A first poll: every event Stripe still lists (it keeps 30 days), oldest first — not just
        // the newest page, which would skip a payment made before the hundredth newest event.
        const all: Stripe.Event[] = [];
        for await (const event of stripe.events.list({ limit: 100, types: TYPES })) all.push(event);
        for (const event of all.reverse()) {
          await applyEvent(event);
          cursor = event.id;
          writeCursor(cursor);
          read++;
        }
        if (cursor === null) return read;
      }
      for (;;) {
        let page: Stripe.ApiList<Stripe.Event>;
        try {
          page = await stripe.events.list({ limit: 100, types: TYPES, ...(cursor ? { ending_before: cursor } : {}) });
        } catch (err) {
          // Stripe lists events for 30 days: a desk away longer finds its last event gone. It asks
          // for its open links' sessions directly, then starts again from the newest event.
          if (!(cursor && err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'resource_missing')) throw err;
          read += await fromOpenSessions();
          const newest = (await stripe.events.list({ limit: 1, types: TYPES })).data[0];
          if (newest) writeCursor(newest.id);
          else fs.rmSync(file, { force: true });
          return read;
        }
        // Stripe lists newest first: apply oldest first.
        const events = [...page.data].reverse();
        for (const event of events) {
          await applyEvent(event);
          cursor = event.id;
          writeCursor(cursor);
          read++;
        }
        if (!page.has_more || events.length === 0) return read;
      }
    },
  };
}
