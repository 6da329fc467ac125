import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PaymentDoc, PaymentRequestDoc } from '../schemas/index.js';
import { linkEventEffect, paymentIdFor, type LinkEvent } from './payment-link-events.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

type Status = PaymentRequestDoc['status'];
const REQUEST = { invoiceId: 'inv-1', clientId: 'cl-1', providerRef: 'cs_1' };

/** Applies events to a request and a set of facts the way the server and desks do. */
function apply(events: readonly LinkEvent[], start: Status = 'sent') {
  let status: Status = start;
  let problem = '';
  const facts = new Map<string, PaymentDoc>();
  for (const e of events) {
    const effect = linkEventEffect(e, { ...REQUEST, status, problem }, TEST_DESK);
    if (effect.fact && !facts.has(effect.fact.id)) facts.set(effect.fact.id, effect.fact);
    if (effect.request) ({ status, problem } = effect.request);
  }
  return { status, problem, facts: [...facts.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

const succeeded = (ref: string, amountMinor = 20_000): LinkEvent => ({ type: 'succeeded', eventId: `ev-${ref}`, requestId: 'r1', providerRef: 'cs_1', paymentRef: ref, amountMinor, currency: 'NOK', at: '2026-11-21T10:00:00.000Z' });

describe('payment link events', () => {
  it('records a payment once, by the provider reference, and marks the request paid', () => {
    const r = apply([succeeded('pi_1'), succeeded('pi_1')]);
    expect(r.status).toBe('paid');
    expect(r.facts).toHaveLength(1);
    expect(r.facts[0]).toMatchObject({ id: paymentIdFor('pi_1'), kind: 'payment', method: 'payment_link', amountMinor: 20_000, invoiceId: 'inv-1', recordedBy: 'system' });
  });

  it('goes processing → paid, and a late "processing" never undoes paid', () => {
    expect(apply([{ type: 'processing', eventId: 'e1', requestId: 'r1', providerRef: 'cs_1' }]).status).toBe('processing');
    expect(apply([succeeded('pi_1'), { type: 'processing', eventId: 'e1', requestId: 'r1', providerRef: 'cs_1' }]).status).toBe('paid');
    expect(apply([{ type: 'failed', eventId: 'e3', requestId: 'r1', providerRef: 'cs_1', reason: 'card declined' }])).toMatchObject({ status: 'sent', problem: 'The payment failed: card declined' });
  });

  it('records money on a cancelled link, keeps it cancelled and flags it', () => {
    const r = apply([succeeded('pi_1')], 'cancelled');
    expect(r.facts).toHaveLength(1);
    expect(r).toMatchObject({ status: 'cancelled', problem: expect.stringMatching(/refund it or keep it as credit/) });
  });

  it('gives the same payments and final status whatever the order and however often events arrive', () => {
    const events: LinkEvent[] = [
      { type: 'processing', eventId: 'e1', requestId: 'r1', providerRef: 'cs_1' },
      succeeded('pi_1'),
      { type: 'expired', eventId: 'e2', requestId: 'r1', providerRef: 'cs_1' },
    ];
    const inOrder = apply(events);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: events.length - 1 }), { minLength: events.length, maxLength: 12 }), fc.integer(), (picks, seed) => {
      // Every event at least once, some repeated, in a shuffled order.
      const delivered = [...events, ...picks.map((i) => events[i]!)];
      const shuffled = delivered.map((e, i) => ({ e, k: Math.sin(seed + i) })).sort((a, b) => a.k - b.k).map((x) => x.e);
      const r = apply(shuffled);
      expect(r.facts).toEqual(inOrder.facts);
      expect({ status: r.status, problem: r.problem }).toEqual({ status: inOrder.status, problem: inOrder.problem });
    }));
  });
});
