import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { invoiceTotals, lineTotals, type InvoiceLineInput } from './invoice-math.js';

/** Half away from zero, computed another way (quotient and remainder in BigInt). */
function refRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = a / d + ((a % d) * 2n >= d ? 1n : 0n);
  return neg ? -q : q;
}

function refLine(l: InvoiceLineInput): { gross: number; vat: number; discount: number } {
  const before = BigInt(l.quantity) * BigInt(l.unitPriceMinor);
  const discount = refRound(before * BigInt(l.discountBp), 10_000n);
  const gross = before - discount;
  const vat = refRound(gross * BigInt(l.vatRateBp), 10_000n + BigInt(l.vatRateBp));
  return { gross: Number(gross), vat: Number(vat), discount: Number(discount) };
}

// Quantities are at least 1 (the invoice schema); a credit line has a negative unit price.
const line = fc.record({
  quantity: fc.integer({ min: 1, max: 20 }),
  unitPriceMinor: fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: -5_000_000, max: 0 })),
  discountBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
  vatRateBp: fc.constantFrom(0, 500, 1_200, 1_500, 2_000, 2_100, 2_500),
});

describe('lineTotals', () => {
  it('computes one line', () => {
    expect(lineTotals({ quantity: 1, unitPriceMinor: 12_500, discountBp: 0, vatRateBp: 2_500 }))
      .toEqual({ grossMinor: 12_500, discountMinor: 0, vatMinor: 2_500, netMinor: 10_000 });
    expect(lineTotals({ quantity: 2, unitPriceMinor: 75_000, discountBp: 1_000, vatRateBp: 2_500 }))
      .toEqual({ grossMinor: 135_000, discountMinor: 15_000, vatMinor: 27_000, netMinor: 108_000 });
    expect(lineTotals({ quantity: 3, unitPriceMinor: 333, discountBp: 0, vatRateBp: 0 }))
      .toEqual({ grossMinor: 999, discountMinor: 0, vatMinor: 0, netMinor: 999 });
  });

  it('rounds the discount half away from zero', () => {
    // 1 × 5 × 10 % = 0.5 → 1
    expect(lineTotals({ quantity: 1, unitPriceMinor: 5, discountBp: 1_000, vatRateBp: 0 }).discountMinor).toBe(1);
  });

  it('agrees with an independent BigInt computation', () => {
    fc.assert(fc.property(line, (l) => {
      const t = lineTotals(l);
      const r = refLine(l);
      expect(t.grossMinor).toBe(r.gross);
      expect(t.vatMinor).toBe(r.vat);
      expect(t.discountMinor).toBe(r.discount);
      expect(t.netMinor).toBe(r.gross - r.vat);
    }));
  });
});

describe('invoiceTotals', () => {
  it('is all zeros for no lines', () => {
    expect(invoiceTotals([])).toEqual({ totalMinor: 0, vatMinor: 0, netMinor: 0, discountMinor: 0, byRate: [] });
  });

  it('groups by VAT rate, highest first', () => {
    const t = invoiceTotals([
      { quantity: 1, unitPriceMinor: 11_200, discountBp: 0, vatRateBp: 1_200 },
      { quantity: 1, unitPriceMinor: 12_500, discountBp: 0, vatRateBp: 2_500 },
      { quantity: 2, unitPriceMinor: 6_250, discountBp: 0, vatRateBp: 2_500 },
      { quantity: 1, unitPriceMinor: 40_000, discountBp: 0, vatRateBp: 0 },
    ]);
    expect(t.totalMinor).toBe(76_200);
    expect(t.vatMinor).toBe(6_200);
    expect(t.netMinor).toBe(70_000);
    expect(t.byRate).toEqual([
      { vatRateBp: 2_500, netMinor: 20_000, vatMinor: 5_000 },
      { vatRateBp: 1_200, netMinor: 10_000, vatMinor: 1_200 },
      { vatRateBp: 0, netMinor: 40_000, vatMinor: 0 },
    ]);
  });

  it('always adds up: totals are exact integer sums of the lines', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
      const t = invoiceTotals(lines);
      const refs = lines.map(refLine);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

      expect(t.totalMinor).toBe(sum(refs.map((r) => r.gross)));
      expect(t.vatMinor).toBe(sum(refs.map((r) => r.vat)));
      expect(t.discountMinor).toBe(sum(refs.map((r) => r.discount)));
      expect(t.netMinor + t.vatMinor).toBe(t.totalMinor);
      expect(sum(t.byRate.map((g) => g.vatMinor))).toBe(t.vatMinor);
      expect(sum(t.byRate.map((g) => g.netMinor))).toBe(t.netMinor);
      expect(new Set(t.byRate.map((g) => g.vatRateBp)).size).toBe(t.byRate.length);
      expect(t.byRate.map((g) => g.vatRateBp)).toEqual([...new Set(lines.map((l) => l.vatRateBp))].sort((a, b) => b - a));

      const numbers = [t.totalMinor, t.vatMinor, t.netMinor, t.discountMinor, ...t.byRate.flatMap((g) => [g.netMinor, g.vatMinor])];
      for (const n of numbers) {
        expect(Number.isSafeInteger(n)).toBe(true);
        expect(Object.is(n, -0)).toBe(false);
      }
    }));
  });
});
