import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatVatRate, parseVatRate, vatInGross } from './vat.js';

describe('vatInGross', () => {
  it('finds the VAT inside a VAT-inclusive price', () => {
    expect(vatInGross(12_500, 2_500)).toBe(2_500);
    expect(vatInGross(10_000, 0)).toBe(0);
    expect(vatInGross(11_200, 1_200)).toBe(1_200);
    expect(vatInGross(12_000, 2_000)).toBe(2_000);
  });

  it('rounds half away from zero', () => {
    // 100 × 2500 / 12500 = 20 exactly; 1 × 2500 / 12500 = 0.2 → 0; 3 × 2500 / 12500 = 0.6 → 1
    expect(vatInGross(100, 2_500)).toBe(20);
    expect(vatInGross(1, 2_500)).toBe(0);
    expect(vatInGross(3, 2_500)).toBe(1);
    expect(vatInGross(-3, 2_500)).toBe(-1);
    // At 100 % the VAT is half the gross: 1 → 0.5 → 1, 3 → 1.5 → 2
    expect(vatInGross(1, 10_000)).toBe(1);
    expect(vatInGross(3, 10_000)).toBe(2);
    expect(vatInGross(-3, 10_000)).toBe(-2);
  });

  it('is an integer no larger than the gross', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (gross, rate) => {
      const vat = vatInGross(gross, rate);
      expect(Number.isInteger(vat)).toBe(true);
      expect(vat).toBeGreaterThanOrEqual(0);
      expect(vat).toBeLessThanOrEqual(gross);
    }));
  });
});

describe('parseVatRate', () => {
  it.each([
    ['25', 2_500], ['25 %', 2_500], ['25%', 2_500], ['12.5', 1_250], ['12,5', 1_250],
    ['0', 0], ['15', 1_500], ['100', 10_000], ['6.25', 625],
  ])('reads %j as %i basis points', (input, bp) => {
    expect(parseVatRate(input)).toEqual({ ok: true, value: bp });
  });

  it.each(['', 'abc', '-5', '12.345', '1,2,3', '25 percent'])('refuses %j', (input) => {
    expect(parseVatRate(input)).toMatchObject({ ok: false, message: 'Enter the VAT rate as a percentage, like 25 or 12.5.' });
  });

  it('refuses a rate above 100 %', () => {
    expect(parseVatRate('101')).toMatchObject({ ok: false, message: 'The VAT rate cannot be above 100 %.' });
  });
});

describe('formatVatRate', () => {
  it('shows a percentage in the locale', () => {
    expect(formatVatRate(2_500, 'en-GB')).toBe('25%');
    expect(formatVatRate(1_250, 'en-GB')).toBe('12.5%');
    expect(formatVatRate(2_500, 'nb-NO').replace(/[\u00a0\u202f]/g, ' ')).toBe('25 %');
  });
});
