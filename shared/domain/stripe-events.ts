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
 *   charge.refunded                                   → the refunds it lists (none at the pinned
 *                                                       version: then they are asked for, or come
 *                                                       by their own events)
 *   refund.created, refund.updated, refund.failed,
 *   charge.refund.updated                             → that refund, counted or reversed
 * (refunds: shared/domain/refund-facts.ts)
 */
import type { PaymentEvent } from './payment-link-events.js';
import { isCurrency } from './money.js';
import { refundStateOf, type RefundSeen } from './refund-facts.js';

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
    /** One status event of a Checkout Session. */
    readonly events: readonly PaymentEvent[];
  }
  | {
    readonly kind: 'refunds';
    readonly eventId: string;
    /** The payment intent refunded: our payment fact is named after it. */
    readonly paymentRef: string;
    readonly chargeRef: string;
    /** Our ids, when the object carries them (a charge always; a refund only when a desk made it). */
    readonly ids: OurIds | null;
    readonly refunds: readonly RefundSeen[];
    /** False: a charge.refunded that does not list its refunds (the pinned API version). */
    readonly complete: boolean;
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

export interface OurIds { readonly clinicId: string; readonly requestId: string }

function ourIds(metadata: unknown): OurIds | null {
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

/** Metadata key a desk's own refund (Refund to card) carries: it refunds the client's credit. */
export const REFUND_OF_KEY = 'refund_of';
export const REFUND_OF_CREDIT = 'client_credit';

/** One refund object (from a refund.* event, a charge's list, or Stripe's answer) as we record it. */
export function refundSeenOf(value: unknown, seenAtUnix: number): RefundSeen | null {
  const refund = record(value);
  if (!refund || (refund.object !== undefined && refund.object !== 'refund')) return null;
  const refundRef = text(refund.id);
  const paymentRef = idOf(refund.payment_intent);
  const amountMinor = positiveInt(refund.amount);
  const currency = currencyOf(refund.currency);
  if (!refundRef || !paymentRef || amountMinor === null || !currency || !isCurrency(currency)) return null;
  const created = typeof refund.created === 'number' ? refund.created : seenAtUnix;
  return {
    refundRef, paymentRef, amountMinor, currency, state: refundStateOf(refund.status),
    madeAt: isoFromUnix(created), seenAt: isoFromUnix(Math.max(created, seenAtUnix)),
    ofCredit: text(record(refund.metadata)?.[REFUND_OF_KEY]) === REFUND_OF_CREDIT,
  };
}

/**
 * charge.refunded: the charge names our ids (it inherits the payment intent's metadata). At
 * the pinned API version it no longer lists its refunds (since 2022-11-15): then `complete`
 * is false — a desk asks Stripe for them, the server records them from their own refund.*
 * events — and a charge's refunded total is never recorded as a refund of its own.
 */
function fromChargeRefunded(event: StripeEventLike): MappedStripeEvent {
  const charge = record(event.data.object);
  if (!charge || charge.object !== 'charge') return ignore(event, 'the event does not carry a charge');
  const paymentRef = idOf(charge.payment_intent);
  if (!paymentRef) return ignore(event, 'the refunded charge has no payment intent');
  const ids = ourIds(charge.metadata);
  if (!ids) return ignore(event, 'the charge has no clinic or payment request in its metadata');
  const list = record(charge.refunds);
  const complete = !!list && Array.isArray(list.data) && list.has_more !== true;
  const refunds = complete ? (list.data as unknown[]).map((r) => refundSeenOf(r, event.created)).filter((r): r is RefundSeen => r !== null && r.paymentRef === paymentRef) : [];
  return { kind: 'refunds', eventId: event.id, paymentRef, chargeRef: text(charge.id), ids, refunds, complete };
}

/** refund.created / refund.updated / refund.failed / charge.refund.updated: one refund, keyed by its id. */
function fromRefund(event: StripeEventLike): MappedStripeEvent {
  const seen = refundSeenOf(event.data.object, event.created);
  if (!seen) return ignore(event, 'the event does not carry a refund of a payment intent in a currency we keep books in');
  const refund = record(event.data.object)!;
  return { kind: 'refunds', eventId: event.id, paymentRef: seen.paymentRef, chargeRef: idOf(refund.charge), ids: ourIds(refund.metadata), refunds: [seen], complete: true };
}

export const REFUND_EVENT_TYPES = ['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated'] as const;
const isRefundEvent = (type: string) => (REFUND_EVENT_TYPES as readonly string[]).includes(type);

export function mapStripeEvent(event: StripeEventLike): MappedStripeEvent {
  if (event.type.startsWith('checkout.session.')) return fromSession(event);
  if (event.type === 'charge.refunded') return fromChargeRefunded(event);
  if (isRefundEvent(event.type)) return fromRefund(event);
  return ignore(event, `not a payment link event (${event.type})`);
}
