/**
 * A verified Stripe event → what it means for our books (pure; no I/O). Only Checkout
 * Sessions we created carry our ids in their metadata (clinic_id, payment_request_id;
 * charges inherit them from payment_intent_data.metadata), so anything else is ignored
 * with a reason the route logs. Imported by server/routes/stripe-webhook.ts and main's Stripe event poller.
 *
 *   checkout.session.completed, payment_status paid   → succeeded (card, wallet)
 *   checkout.session.completed, payment_status unpaid → processing (bank debit, Klarna…)
 *   checkout.session.async_payment_succeeded          → succeeded
 *   checkout.session.async_payment_failed             → failed
 *   checkout.session.expired                          → expired
 *   charge.refunded                                   → one refund per refund listed, or the
 *                                                       charge's refunded total when not listed
 */
import type { PaymentEvent, RefundTotalEvent } from './provider-events.js';

/** The part of a Stripe event we read; fields are checked, since payloads vary by API version. */
export interface StripeEventLike {
  readonly id: string;
  readonly type: string;
  /** Unix seconds. */
  readonly created: number;
  readonly data: { readonly object: unknown };
}

export type MappedStripeEvent =
  | {
    readonly kind: 'apply';
    readonly eventId: string;
    readonly clinicId: string;
    readonly requestId: string;
    /** At most one status event; refunds may be several (one per refund Stripe listed). */
    readonly events: readonly (PaymentEvent | RefundTotalEvent)[];
  }
  | { readonly kind: 'ignore'; readonly eventId: string; readonly reason: string };

/** Our ids in Stripe metadata (docs/design.md invariant 7: ids only). The provider writes these keys. */
export const METADATA_KEYS = ['clinic_id', 'invoice_id', 'payment_request_id'] as const;

/** Shown to staff on the payment request when a delayed payment fails. */
export const PAYMENT_FAILED_REASON = 'The payment by link did not go through (the bank or payment method declined it). The link can be sent again.';

type Json = Record<string, unknown>;
const record = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const positiveInt = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
/** An expandable Stripe field: the id, or the expanded object's id. */
const idOf = (v: unknown): string => text(v) || text(record(v)?.id);
const isoFromUnix = (seconds: number): string => new Date(seconds * 1000).toISOString();
/** Stripe sends lowercase ISO 4217; our documents use uppercase. */
const currencyOf = (v: unknown): string | null => (typeof v === 'string' && /^[a-zA-Z]{3}$/.test(v) ? v.toUpperCase() : null);

function ourIds(metadata: unknown): { clinicId: string; requestId: string } | null {
  const m = record(metadata);
  const clinicId = text(m?.clinic_id).trim();
  const requestId = text(m?.payment_request_id).trim();
  return clinicId && requestId ? { clinicId, requestId } : null;
}

const ignore = (event: StripeEventLike, reason: string): MappedStripeEvent => ({ kind: 'ignore', eventId: event.id, reason });

function fromSession(event: StripeEventLike): MappedStripeEvent {
  const session = record(event.data.object);
  if (!session || session.object !== 'checkout.session') return ignore(event, 'the event does not carry a Checkout Session');
  const ids = ourIds(session.metadata);
  if (!ids) return ignore(event, 'the Checkout Session has no clinic or payment request in its metadata');
  const providerRef = text(session.id);
  if (!providerRef) return ignore(event, 'the Checkout Session has no id');
  const base = { eventId: event.id, requestId: ids.requestId, providerRef };
  const apply = (e: PaymentEvent): MappedStripeEvent => ({ kind: 'apply', eventId: event.id, clinicId: ids.clinicId, requestId: ids.requestId, events: [e] });

  const succeeded = (): MappedStripeEvent => {
    const paymentRef = idOf(session.payment_intent);
    const amountMinor = positiveInt(session.amount_total);
    const currency = currencyOf(session.currency);
    if (!paymentRef || amountMinor === null || !currency) return ignore(event, 'a paid Checkout Session without a payment intent, amount or currency');
    return apply({ type: 'succeeded', ...base, paymentRef, amountMinor, currency, at: isoFromUnix(event.created) });
  };

  switch (event.type) {
    case 'checkout.session.completed':
      if (session.payment_status === 'paid') return succeeded();
      // Delayed methods (bank debits, some Klarna flows): the money is on its way.
      if (session.payment_status === 'unpaid') return apply({ type: 'processing', ...base });
      return ignore(event, `a completed Checkout Session with payment status "${text(session.payment_status)}"`);
    case 'checkout.session.async_payment_succeeded':
      return succeeded();
    case 'checkout.session.async_payment_failed':
      return apply({ type: 'failed', ...base, reason: PAYMENT_FAILED_REASON });
    case 'checkout.session.expired':
      return apply({ type: 'expired', ...base });
    default:
      return ignore(event, `not a payment link event (${event.type})`);
  }
}

/** Refunds that took money back (or are taking it): not failed or cancelled ones. */
const COUNTED_REFUND = (status: unknown) => status !== 'failed' && status !== 'canceled';

function fromChargeRefunded(event: StripeEventLike): MappedStripeEvent {
  const charge = record(event.data.object);
  if (!charge || charge.object !== 'charge') return ignore(event, 'the event does not carry a charge');
  const ids = ourIds(charge.metadata);
  if (!ids) return ignore(event, 'the charge has no clinic or payment request in its metadata');
  const paymentRef = idOf(charge.payment_intent);
  if (!paymentRef) return ignore(event, 'the refunded charge has no payment intent');
  const currency = currencyOf(charge.currency);
  if (!currency) return ignore(event, 'the refunded charge has no currency');
  const apply = (events: (PaymentEvent | RefundTotalEvent)[]): MappedStripeEvent => ({ kind: 'apply', eventId: event.id, clinicId: ids.clinicId, requestId: ids.requestId, events });

  const list = record(charge.refunds);
  if (list && Array.isArray(list.data) && list.has_more !== true) {
    // The complete list: each refund is its own fact, named by its own id.
    const events: PaymentEvent[] = [];
    for (const item of list.data) {
      const refund = record(item);
      const refundRef = text(refund?.id);
      const amountMinor = positiveInt(refund?.amount);
      if (!refund || !refundRef || amountMinor === null || !COUNTED_REFUND(refund.status)) continue;
      const created = typeof refund.created === 'number' ? refund.created : event.created;
      events.push({ type: 'refunded', eventId: event.id, requestId: ids.requestId, paymentRef, refundRef, amountMinor, currency, at: isoFromUnix(created) });
    }
    return events.length > 0 ? apply(events) : ignore(event, 'the charge lists no refund that took money back');
  }
  const refundedTotalMinor = positiveInt(charge.amount_refunded);
  if (refundedTotalMinor === null) return ignore(event, 'the refunded charge has no refunded amount');
  if (!text(charge.id)) return ignore(event, 'the refunded charge has no id');
  return apply([{
    type: 'refund_total', eventId: event.id, requestId: ids.requestId, paymentRef, chargeRef: text(charge.id),
    refundedTotalMinor, currency, at: isoFromUnix(event.created),
  }]);
}

export function mapStripeEvent(event: StripeEventLike): MappedStripeEvent {
  if (event.type.startsWith('checkout.session.')) return fromSession(event);
  if (event.type === 'charge.refunded') return fromChargeRefunded(event);
  return ignore(event, `not a payment link event (${event.type})`);
}
