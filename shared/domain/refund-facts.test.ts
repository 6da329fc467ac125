/** The refund rule: one fact per refund by its id, a second that puts a failed one back (decision 0029). */
import { describe, expect, it } from 'vitest';
import { isRefundReversal, refundFacts, refundIdFor, refundReversalIdFor, refundStateOf, type RefundSeen } from './refund-facts.js';

const PAID = { invoiceId: 'inv-1', clientId: 'c-1', currency: 'NOK' as const };
const seen = (over: Partial<RefundSeen> = {}): RefundSeen => ({
  refundRef: 're_1', paymentRef: 'pi_1', amountMinor: 5_000, currency: 'NOK', state: 'counted',
  madeAt: '2026-03-02T10:00:00.000Z', seenAt: '2026-03-03T10:00:00.000Z', ofCredit: false, ...over,
});

describe('refundFacts', () => {
  it('records a refund on the invoice its payment paid, named after the refund', () => {
    expect(refundFacts(seen(), PAID, 'desk-1')).toEqual([{
      id: refundIdFor('re_1'), kind: 'refund', invoiceId: 'inv-1', clientId: 'c-1', method: 'payment_link', amountMinor: 5_000, currency: 'NOK',
      at: '2026-03-02T10:00:00.000Z', recordedBy: 'system', recordedOn: 'desk-1', tenderedMinor: 0, externalRef: 're_1',
    }]);
  });

  it('keeps a failed refund and puts its money back with a payment dated when Stripe said so', () => {
    const [refund, back] = refundFacts(seen({ state: 'reversed' }), PAID, 'desk-1');
    expect(refund).toMatchObject({ id: refundIdFor('re_1'), kind: 'refund' });
    expect(back).toMatchObject({ id: refundReversalIdFor('re_1'), kind: 'payment', method: 'payment_link', amountMinor: 5_000, at: '2026-03-03T10:00:00.000Z', externalRef: 're_1' });
    expect(isRefundReversal(back!)).toBe(true);
    expect(isRefundReversal(refund!)).toBe(false);
    expect(isRefundReversal({ id: 'link-pi_1', kind: 'payment', method: 'payment_link' })).toBe(false);
    // Reported before it was made (clocks): never dated before the refund.
    expect(refundFacts(seen({ state: 'reversed', seenAt: '2026-03-01T00:00:00.000Z' }), PAID, 'd')[1]!.at).toBe('2026-03-02T10:00:00.000Z');
  });

  it('records a refund of client credit on the credit, and nothing in another currency', () => {
    expect(refundFacts(seen({ ofCredit: true }), PAID, 'd')[0]!.invoiceId).toBe('');
    expect(refundFacts(seen({ currency: 'EUR' }), PAID, 'd')).toEqual([]);
    expect(refundFacts(seen({ amountMinor: 0 }), PAID, 'd')).toEqual([]);
  });

  it("reads Stripe's statuses: failed and canceled gave nothing back; pending and the rest count", () => {
    expect(['failed', 'canceled'].map(refundStateOf)).toEqual(['reversed', 'reversed']);
    expect(['succeeded', 'pending', 'requires_action', null].map(refundStateOf)).toEqual(['counted', 'counted', 'counted', 'counted']);
  });
});
