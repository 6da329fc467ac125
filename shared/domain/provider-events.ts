/**
 * What a provider event means for a payment request, as the sync server and a standalone
 * desk apply it: the shared PaymentEvent (shared/domain/payment-link-events.ts). Refunds are
 * not request events: shared/domain/refund-facts.ts. Imported by the sync server (webhooks)
 * and main (a standalone desk polling Stripe).
 */
import type { PaymentEvent } from './payment-link-events.js';

export type { PaymentEvent };

/** The events that move a payment request's status: every link event (refunds never do). */
export type StatusEvent = PaymentEvent;
