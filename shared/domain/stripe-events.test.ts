/** Stripe events → our payment events (what they do to a request: link-request-status.test.ts). */
import { describe, expect, it } from 'vitest';
import { PAYMENT_FAILED_REASON, mapStripeEvent, type StripeEventLike } from './stripe-events.js';

const META = { clinic_id: 'c-1', invoice_id: 'inv-1', payment_request_id: 'pr-1' };
const CREATED = 1_772_442_000; // 2026-03-02T09:00:00Z
const AT = new Date(CREATED * 1000).toISOString();

function sessionEvent(type: string, over: Record<string, unknown> = {}): StripeEventLike {
  return {
    id: `evt_${type}`, type, created: CREATED,
    data: {
      object: {
        id: 'cs_test_1', object: 'checkout.session', amount_total: 45_000, currency: 'nok', metadata: META,
        payment_intent: 'pi_1', payment_status: 'paid', status: 'complete', ...over,
      },
    },
  };
}

function refundEvent(charge: Record<string, unknown>): StripeEventLike {
  return {
    id: 'evt_refund', type: 'charge.refunded', created: CREATED,
    data: { object: { id: 'ch_1', object: 'charge', amount: 45_000, currency: 'nok', payment_intent: 'pi_1', metadata: META, ...charge } },
  };
}

describe('mapStripeEvent', () => {
  it('maps a paid completed session to succeeded, with Stripe amount, uppercase currency and the event time', () => {
    expect(mapStripeEvent(sessionEvent('checkout.session.completed'))).toEqual({
      kind: 'apply', eventId: 'evt_checkout.session.completed', clinicId: 'c-1', requestId: 'pr-1',
      events: [{
        type: 'succeeded', eventId: 'evt_checkout.session.completed', requestId: 'pr-1', providerRef: 'cs_test_1',
        paymentRef: 'pi_1', amountMinor: 45_000, currency: 'NOK', at: AT,
      }],
    });
  });

  it('reads an expanded payment intent by its id', () => {
    const m = mapStripeEvent(sessionEvent('checkout.session.async_payment_succeeded', { payment_intent: { id: 'pi_9', object: 'payment_intent' } }));
    expect(m.kind === 'apply' && m.events[0]).toMatchObject({ type: 'succeeded', paymentRef: 'pi_9' });
  });

  it('maps an unpaid completed session to processing, and the async outcomes and expiry', () => {
    const type = (e: StripeEventLike) => {
      const m = mapStripeEvent(e);
      return m.kind === 'apply' ? m.events.map((x) => x.type) : m.kind;
    };
    expect(type(sessionEvent('checkout.session.completed', { payment_status: 'unpaid', payment_intent: 'pi_1' }))).toEqual(['processing']);
    expect(type(sessionEvent('checkout.session.async_payment_succeeded'))).toEqual(['succeeded']);
    expect(type(sessionEvent('checkout.session.async_payment_failed', { payment_status: 'unpaid' }))).toEqual(['failed']);
    expect(type(sessionEvent('checkout.session.expired', { status: 'expired', payment_intent: null }))).toEqual(['expired']);
    const failed = mapStripeEvent(sessionEvent('checkout.session.async_payment_failed'));
    expect(failed.kind === 'apply' && failed.events[0]).toMatchObject({ reason: PAYMENT_FAILED_REASON });
  });

  it('ignores what is not ours or not usable, with a reason', () => {
    const ignored = (e: StripeEventLike) => mapStripeEvent(e).kind;
    expect(ignored(sessionEvent('checkout.session.completed', { metadata: {} }))).toBe('ignore');
    expect(ignored(sessionEvent('checkout.session.completed', { metadata: { clinic_id: 'c-1' } }))).toBe('ignore');
    expect(ignored(sessionEvent('checkout.session.completed', { payment_status: 'no_payment_required' }))).toBe('ignore');
    expect(ignored(sessionEvent('checkout.session.completed', { amount_total: 0 }))).toBe('ignore');
    expect(ignored(sessionEvent('checkout.session.completed', { amount_total: 12.5 }))).toBe('ignore');
    expect(ignored(sessionEvent('checkout.session.completed', { payment_intent: null }))).toBe('ignore');
    expect(ignored({ ...sessionEvent('checkout.session.completed'), data: { object: { object: 'invoice' } } })).toBe('ignore');
    expect(ignored({ id: 'evt_x', type: 'customer.created', created: CREATED, data: { object: {} } })).toBe('ignore');
    expect(ignored(refundEvent({ metadata: {} }))).toBe('ignore');
    expect(ignored(refundEvent({ payment_intent: null, amount_refunded: 100 }))).toBe('ignore');
  });

  it('maps a charge that lists its refunds to one refund per refund that took money back', () => {
    const m = mapStripeEvent(refundEvent({
      amount_refunded: 30_000,
      refunds: {
        object: 'list', has_more: false, data: [
          { id: 're_2', object: 'refund', amount: 10_000, status: 'succeeded', created: CREATED + 60 },
          { id: 're_1', object: 'refund', amount: 20_000, status: 'succeeded', created: CREATED },
          { id: 're_0', object: 'refund', amount: 5_000, status: 'failed', created: CREATED },
        ],
      },
    }));
    expect(m.kind === 'apply' && m.events).toEqual([
      { type: 'refunded', eventId: 'evt_refund', requestId: 'pr-1', paymentRef: 'pi_1', refundRef: 're_2', amountMinor: 10_000, currency: 'NOK', at: new Date((CREATED + 60) * 1000).toISOString() },
      { type: 'refunded', eventId: 'evt_refund', requestId: 'pr-1', paymentRef: 'pi_1', refundRef: 're_1', amountMinor: 20_000, currency: 'NOK', at: AT },
    ]);
  });

  it("maps a charge without its refunds (current API versions) to the charge's refunded total", () => {
    const m = mapStripeEvent(refundEvent({ amount_refunded: 30_000 }));
    expect(m.kind === 'apply' && m.events).toEqual([
      { type: 'refund_total', eventId: 'evt_refund', requestId: 'pr-1', paymentRef: 'pi_1', chargeRef: 'ch_1', refundedTotalMinor: 30_000, currency: 'NOK', at: AT },
    ]);
    // A list Stripe cut short is not the whole story either.
    const cut = mapStripeEvent(refundEvent({ amount_refunded: 30_000, refunds: { object: 'list', has_more: true, data: [{ id: 're_1', amount: 10_000, status: 'succeeded' }] } }));
    expect(cut.kind === 'apply' && cut.events[0]!.type).toBe('refund_total');
  });
});
