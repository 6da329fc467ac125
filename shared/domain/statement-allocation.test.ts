import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateStatementPayment, statementOrder, type OpenInvoice } from './statement-allocation.js';

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
const invoice: fc.Arbitrary<OpenInvoice> = fc.record({
  id: fc.uuid(), balanceMinor: fc.integer({ min: -5_000, max: 200_000 }), dueDate: fc.oneof(day, fc.constant('')), invoiceDate: day, number: fc.nat({ max: 500 }),
});
const invoices = fc.uniqueArray(invoice, { selector: (i) => i.id, maxLength: 12 });
const amount = fc.integer({ min: 0, max: 2_000_000 });

describe('a payment on a statement, spread over the open invoices', () => {
  it('settles the oldest first and keeps the rest as credit', () => {
    const open: OpenInvoice[] = [
      { id: 'new', balanceMinor: 50_000, dueDate: '2026-03-20', invoiceDate: '2026-03-06', number: 3 },
      { id: 'old', balanceMinor: 30_000, dueDate: '2026-03-01', invoiceDate: '2026-02-15', number: 1 },
      { id: 'paid', balanceMinor: 0, dueDate: '2026-02-01', invoiceDate: '2026-01-15', number: 0 },
    ];
    expect(allocateStatementPayment(40_000, open)).toEqual({ applied: [{ invoiceId: 'old', amountMinor: 30_000 }, { invoiceId: 'new', amountMinor: 10_000 }], creditMinor: 0 });
    expect(allocateStatementPayment(100_000, open)).toEqual({ applied: [{ invoiceId: 'old', amountMinor: 30_000 }, { invoiceId: 'new', amountMinor: 50_000 }], creditMinor: 20_000 });
    expect(allocateStatementPayment(0, open)).toEqual({ applied: [], creditMinor: 0 });
  });

  it('refuses an amount that is not whole minor units', () => {
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => allocateStatementPayment(bad, [])).toThrow(RangeError);
  });

  it('never applies more than an invoice owes, loses nothing, and leaves credit only when every invoice is settled', () => {
    fc.assert(fc.property(amount, invoices, (paid, open) => {
      const { applied, creditMinor } = allocateStatementPayment(paid, open);
      const owed = new Map(open.map((i) => [i.id, Math.max(0, i.balanceMinor)]));
      for (const a of applied) {
        expect(a.amountMinor).toBeGreaterThan(0);
        expect(a.amountMinor).toBeLessThanOrEqual(owed.get(a.invoiceId)!);
      }
      expect(new Set(applied.map((a) => a.invoiceId)).size).toBe(applied.length);
      expect(applied.reduce((s, a) => s + a.amountMinor, 0) + creditMinor).toBe(paid);
      expect(creditMinor).toBeGreaterThanOrEqual(0);
      const totalOwed = [...owed.values()].reduce((s, v) => s + v, 0);
      expect(creditMinor).toBe(Math.max(0, paid - totalOwed));
    }));
  });

  it('settles in order: no invoice gets money while an older one still owes, whatever order they came in', () => {
    fc.assert(fc.property(amount, invoices, (paid, open) => {
      const { applied } = allocateStatementPayment(paid, open);
      const got = new Map(applied.map((a) => [a.invoiceId, a.amountMinor]));
      const sorted = [...open].sort(statementOrder).filter((i) => i.balanceMinor > 0);
      // Once an invoice is left owing, every younger one gets nothing.
      const firstShort = sorted.findIndex((i) => (got.get(i.id) ?? 0) < i.balanceMinor);
      if (firstShort >= 0) for (const younger of sorted.slice(firstShort + 1)) expect(got.get(younger.id) ?? 0).toBe(0);
      expect(allocateStatementPayment(paid, [...open].reverse())).toEqual(allocateStatementPayment(paid, open));
    }));
  });
});
