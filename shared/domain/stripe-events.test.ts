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

  it('maps a charge that lists its refunds to each refund by its id, failed ones as reversed', () => {
    const m = mapStripeEvent(refundEvent({
      amount_refunded: 30_000,
      refunds: {
        object: 'list', has_more: false, data: [
          { id: 're_2', object: 'refund', amount: 10_000, currency: 'nok', payment_intent: 'pi_1', status: 'succeeded', created: CREATED + 60 },
          { id: 're_1', object: 'refund', amount: 20_000, currency: 'nok', payment_intent: 'pi_1', status: 'pending', created: CREATED },
          { id: 're_0', object: 'refund', amount: 5_000, currency: 'nok', payment_intent: 'pi_1', status: 'failed', created: CREATED },
        ],
      },
    }));
    expect(m).toMatchObject({ kind: 'refunds', paymentRef: 'pi_1', chargeRef: 'ch_1', ids: { clinicId: 'c-1', requestId: 'pr-1' }, complete: true });
    expect(m.kind === 'refunds' && m.refunds.map((r) => [r.refundRef, r.amountMinor, r.state])).toEqual([['re_2', 10_000, 'counted'], ['re_1', 20_000, 'counted'], ['re_0', 5_000, 'reversed']]);
    expect(m.kind === 'refunds' && m.refunds[0]).toMatchObject({ currency: 'NOK', madeAt: new Date((CREATED + 60) * 1000).toISOString(), ofCredit: false });
  });

  it("maps a charge without its refunds (the pinned API version) to no refund at all, never to its total", () => {
    const m = mapStripeEvent(refundEvent({ amount_refunded: 30_000 }));
    expect(m).toMatchObject({ kind: 'refunds', paymentRef: 'pi_1', refunds: [], complete: false });
    // A list Stripe cut short is not the whole story either.
    const cut = mapStripeEvent(refundEvent({ amount_refunded: 30_000, refunds: { object: 'list', has_more: true, data: [{ id: 're_1', amount: 10_000, status: 'succeeded' }] } }));
    expect(cut).toMatchObject({ kind: 'refunds', refunds: [], complete: false });
  });

  it('maps each refund event to its refund, by its id; a desk-made one as a refund of credit with our ids', () => {
    const refundObject = (over: Record<string, unknown> = {}) => ({
      id: 're_9', object: 'refund', amount: 7_000, currency: 'nok', charge: 'ch_1', payment_intent: 'pi_1', status: 'succeeded', created: CREATED, metadata: {}, ...over,
    });
    const ev = (type: string, object: Record<string, unknown>): StripeEventLike => ({ id: `evt_${type}`, type, created: CREATED + 600, data: { object } });
    for (const type of ['refund.created', 'refund.updated', 'charge.refund.updated']) {
      expect(mapStripeEvent(ev(type, refundObject()))).toMatchObject({ kind: 'refunds', paymentRef: 'pi_1', chargeRef: 'ch_1', ids: null, complete: true, refunds: [{ refundRef: 're_9', state: 'counted' }] });
    }
    const failed = mapStripeEvent(ev('refund.failed', refundObject({ status: 'failed' })));
    expect(failed.kind === 'refunds' && failed.refunds[0]).toMatchObject({ state: 'reversed', madeAt: AT, seenAt: new Date((CREATED + 600) * 1000).toISOString() });
    expect(mapStripeEvent(ev('refund.updated', refundObject({ status: 'canceled' })))).toMatchObject({ refunds: [{ state: 'reversed' }] });
    const ours = mapStripeEvent(ev('refund.created', refundObject({ metadata: { ...META, refund_of: 'client_credit' } })));
    expect(ours).toMatchObject({ ids: { clinicId: 'c-1', requestId: 'pr-1' }, refunds: [{ ofCredit: true }] });
    // Not a refund we can book: no payment intent, a currency we do not keep, no amount.
    expect(mapStripeEvent(ev('refund.created', refundObject({ payment_intent: null }))).kind).toBe('ignore');
    expect(mapStripeEvent(ev('refund.created', refundObject({ currency: 'jpy' }))).kind).toBe('ignore');
    expect(mapStripeEvent(ev('refund.created', refundObject({ amount: 0 }))).kind).toBe('ignore');
  });
});
