/**
 * What a provider event means for our books, as the sync server applies it: the shared
 * PaymentEvent (shared/domain/payment-link-events.ts), plus one Stripe-specific shape for
 * refunds whose ids Stripe did not send. Imported by the sync server (webhooks) and main (a standalone desk polling Stripe).
 */
import type { PaymentEvent } from './payment-link-events.js';

export type { PaymentEvent };

/**
 * A charge's refunded total, when the event carries the charge but not its list of refunds
 * (Stripe stopped including `charge.refunds` in API version 2022-11-15). The server
 * records whatever part of the total it has not recorded yet, so partial refunds add up
 * to Stripe's total whatever order their events arrive in.
 */
export interface RefundTotalEvent {
  readonly type: 'refund_total';
  readonly eventId: string;
  readonly requestId: string;
  readonly paymentRef: string;
  readonly chargeRef: string;
  readonly refundedTotalMinor: number;
  readonly currency: string;
  readonly at: string;
}

/** The events that move a payment request's status (refunds never do). */
export type StatusEvent = Extract<PaymentEvent, { type: 'processing' | 'succeeded' | 'failed' | 'expired' }>;
