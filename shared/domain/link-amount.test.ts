/**
 * What a payment link asks for: the stored form reads back as it was written, the amount
 * asked is never more than is owed (the chasing step's fee included) and keeps a fixed part
 * that fits, and the commands, the chasing and the sender's arithmetic all come from it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountToAsk, BALANCE_AMOUNT, fixedAmount, isAutomaticLink, linkAmountOf, storedAmountMinor, type LinkAmount } from './link-amount.js';
import { nextDunningStep, DEFAULT_DUNNING } from './dunning.js';
import { planPaymentRequest } from './payment-request-rules.js';
import { automaticLinkRequest } from './auto-send.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const amounts: fc.Arbitrary<LinkAmount> = fc.oneof(fc.constant(BALANCE_AMOUNT), fc.integer({ min: 1, max: 10_000_000 }).map(fixedAmount));
const balances = fc.integer({ min: -1_000_000, max: 10_000_000 });
const fees = fc.integer({ min: 0, max: 100_000 });

describe('the amount a payment link asks for', () => {
  it('reads back from the stored request as it was written', () => {
    fc.assert(fc.property(amounts, (a) => {
      expect(linkAmountOf({ amountMinor: storedAmountMinor(a) })).toEqual(a);
    }));
  });

  it('refuses a fixed amount that would read back as "the balance", or is not whole', () => {
    for (const bad of [0, -1, 12.5, Number.NaN]) expect(() => fixedAmount(bad)).toThrow(/positive/);
    expect(() => storedAmountMinor({ kind: 'fixed', minor: 0 })).toThrow();
  });

  it('never asks for more than is owed plus the fee, nor less than nothing', () => {
    fc.assert(fc.property(amounts, balances, fees, (a, balanceMinor, feeMinor) => {
      const asked = amountToAsk(a, { balanceMinor, feeMinor });
      const owed = Math.max(0, balanceMinor) + feeMinor;
      expect(asked).toBeGreaterThanOrEqual(0);
      expect(asked).toBeLessThanOrEqual(owed);
      if (a.kind === 'balance') expect(asked).toBe(owed);
      // A fixed part is kept unless it is above what is owed, then it is what is owed.
      else expect(asked).toBe(a.minor <= owed ? a.minor : owed);
    }));
  });

  it('asks for no less when more is owed', () => {
    fc.assert(fc.property(amounts, balances, fc.nat({ max: 1_000_000 }), fees, (a, balanceMinor, more, feeMinor) => {
      expect(amountToAsk(a, { balanceMinor: balanceMinor + more, feeMinor })).toBeGreaterThanOrEqual(amountToAsk(a, { balanceMinor, feeMinor }));
    }));
  });

  it('is what a resend asks for: always a request the rules accept while something is owed', () => {
    const invoice = { kind: 'invoice' as const, status: 'completed' as const, currency: 'NOK' as const };
    const client = { email: 'ingrid@example.com', phone: '' };
    fc.assert(fc.property(amounts, fc.integer({ min: 1, max: 10_000_000 }), (a, balanceMinor) => {
      const plan = planPaymentRequest(invoice, balanceMinor, client, { amount: amountToAsk(a, { balanceMinor }), channels: ['email'] }, '2026-03-02T09:00:00.000Z');
      expect(plan.ok).toBe(true);
    }));
  });

  it("is what the chasing says a step asks for: the balance plus the step's fee", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fees, (balanceMinor, reminderFeeMinor) => {
      const next = nextDunningStep({ dueDate: '2026-03-01', balanceMinor, settled: false, paymentProcessing: false, done: [] }, { ...DEFAULT_DUNNING, reminderAfterDueDays: 14, reminderFeeMinor });
      expect(next!.amountMinor).toBe(amountToAsk(BALANCE_AMOUNT, { balanceMinor, feeMinor: next!.feeMinor }));
    }));
  });

  it('marks only the links an Automatic booking scheduled as following the booking', () => {
    const auto = automaticLinkRequest(
      { createdAt: '2026-03-02T08:00:00.000Z', end: '2026-03-02T08:45:00.000Z', clientId: 'cl-1' }, { id: 'inv-1', currency: 'NOK' },
      { email: 'ingrid@example.com', phone: '' }, { linkTiming: 'after_booking', linkDelayMinutes: 15 }, { actor: 'st-1', desk: TEST_DESK, now: '2026-03-02T08:00:00.000Z' },
    );
    expect(linkAmountOf(auto)).toEqual(BALANCE_AMOUNT);
    expect(isAutomaticLink(auto)).toBe(true);
    expect(isAutomaticLink({ purpose: 'reminder', amountMinor: storedAmountMinor(BALANCE_AMOUNT) })).toBe(false);
    expect(isAutomaticLink({ purpose: 'payment_link', amountMinor: storedAmountMinor(fixedAmount(30_000)) })).toBe(false);
  });
});
