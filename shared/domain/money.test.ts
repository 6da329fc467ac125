import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CURRENCIES, formatMoney, isCurrency, MAX_AMOUNT_MINOR, minorToInput, parseAmount, roundDiv } from './money.js';
import { createTranslator } from '../i18n/translator.js';

/** Intl uses non-breaking and narrow non-breaking spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function refusal(input: string): string {
  const r = parseAmount(input, 'NOK');
  if (r.ok) throw new Error(`expected "${input}" to be refused, got ${r.value}`);
  return r.message;
}

describe('parseAmount', () => {
  it.each([
    ['450', 45_000],
    ['450.5', 45_050],
    ['450,50', 45_050],
    ['1 234,50', 123_450],
    ['1\u00a0234,50', 123_450],
    ['1,234.50', 123_450],
    ['1.234,50', 123_450],
    ['1.234.567', 123_456_700],
    ['1,234,567.89', 123_456_789],
    ['0.05', 5],
    ['0', 0],
    ['  450  ', 45_000],
  ])('reads %j as %i minor units', (input, expected) => {
    expect(parseAmount(input, 'NOK')).toEqual({ ok: true, value: expected });
  });

  it('refuses an empty amount', () => {
    expect(refusal('')).toBe('The amount is empty. Enter an amount like 450 or 450.50.');
    expect(refusal('   ')).toBe('The amount is empty. Enter an amount like 450 or 450.50.');
  });

  it('refuses a negative amount', () => {
    expect(refusal('-5')).toBe('The amount cannot be negative.');
  });

  it('refuses text that is not a number', () => {
    expect(refusal('abc')).toBe('"abc" is not an amount. Enter an amount like 450 or 450.50.');
    expect(refusal('12kr')).toMatch(/is not an amount/);
  });

  it('refuses more decimals than the currency has, never rounding', () => {
    expect(refusal('4.505')).toMatch(/^Use at most 2 decimals for NOK\./);
    expect(refusal('450.505')).toMatch(/^Use at most 2 decimals for NOK\./);
    expect(refusal('1,234.505')).toBe('Use at most 2 decimals for NOK.');
    expect(refusal('0.0001')).toBe('Use at most 2 decimals for NOK.');
  });

  it('says how to type a thousands amount when a lone separator is ambiguous', () => {
    expect(refusal('4.505')).toBe('Use at most 2 decimals for NOK. If you meant 4505, type it without the separator.');
    expect(refusal('1,500')).toBe('Use at most 2 decimals for NOK. If you meant 1500, type it without the separator.');
  });

  it('reads its refusals in bokmål', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const read = (input: string) => {
      const r = parseAmount(input, 'NOK');
      return r.ok ? '' : nb.t(r.text);
    };
    expect(read('abc')).toBe('«abc» er ikke et beløp. Skriv et beløp som 450 eller 450,50.');
    expect(read('1,500')).toBe('Bruk høyst 2 desimaler for NOK. Mente du 1500, skriv det uten skilletegn.');
  });

  it.each(['1,2,3.4.5', '1.2.3', '12.34.56', '1,23,456.00', '1.234.50', '1.234,567.89', '.', ','])(
    'refuses separators in the wrong places: %j',
    (input) => {
      expect(refusal(input)).toBe(`"${input}" is not an amount. Enter an amount like 450 or 450.50.`);
    },
  );

  it('refuses absurdly large amounts', () => {
    expect(refusal('99999999999999999999')).toBe('The amount is too large.');
  });

  it('speaks plain English in every refusal', () => {
    for (const input of ['', '-5', 'abc', '4.505', '1,2,3.4.5', '99999999999999999999']) {
      const message = refusal(input);
      expect(message).toMatch(/^[A-Z"]/);
      expect(message).toMatch(/\.$/);
      expect(message).not.toMatch(/NaN|undefined|null|regex|Error|minor units|\bbp\b/);
    }
  });

  it('round-trips minorToInput for any non-negative amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), fc.constantFrom(...CURRENCIES), (n, currency) => {
      expect(parseAmount(minorToInput(n, currency), currency)).toEqual({ ok: true, value: n });
    }));
  });

  it('takes at most one amount\'s bound, which the sync server keeps too (10,000,000.00)', () => {
    expect(parseAmount('10 000 000,00', 'NOK')).toEqual({ ok: true, value: MAX_AMOUNT_MINOR });
    expect(parseAmount('10000000.01', 'NOK')).toMatchObject({ ok: false, message: 'The amount is too large.' });
  });
});

describe('minorToInput', () => {
  it('writes a plain dotted amount', () => {
    expect(minorToInput(45_050, 'NOK')).toBe('450.50');
    expect(minorToInput(5, 'GBP')).toBe('0.05');
    expect(minorToInput(0, 'USD')).toBe('0.00');
    expect(minorToInput(-123_456, 'EUR')).toBe('-1234.56');
  });
});

describe('formatMoney', () => {
  it('formats kroner the Norwegian way', () => {
    expect(plain(formatMoney(45_050, 'NOK', 'nb-NO'))).toBe('450,50 kr');
    expect(plain(formatMoney(123_456, 'NOK', 'nb-NO'))).toBe('1 234,56 kr');
  });

  it('formats pounds the British way', () => {
    expect(plain(formatMoney(45_050, 'GBP', 'en-GB'))).toBe('£450.50');
    expect(plain(formatMoney(123_456, 'GBP', 'en-GB'))).toBe('£1,234.56');
  });

  it('formats dollars the American way', () => {
    expect(plain(formatMoney(123_456, 'USD', 'en-US'))).toBe('$1,234.56');
    expect(plain(formatMoney(5, 'USD', 'en-US'))).toBe('$0.05');
    expect(plain(formatMoney(-2_500, 'USD', 'en-US'))).toBe('-$25.00');
  });

  it('keeps formatters per locale and currency apart', () => {
    expect(plain(formatMoney(100, 'USD', 'nb-NO'))).toBe('1,00 USD');
    expect(plain(formatMoney(100, 'USD', 'en-US'))).toBe('$1.00');
  });
});

describe('roundDiv', () => {
  it.each([
    [5, 2, 3], [-5, 2, -3], [7, 2, 4], [-7, 2, -4],
    [4, 3, 1], [-4, 3, -1], [5, 3, 2], [-5, 3, -2],
    [1, 2, 1], [-1, 2, -1], [1, 3, 0], [0, 7, 0], [10, 5, 2], [-10, 5, -2],
    [12_500 * 2_500, 12_500, 2_500],
  ])('roundDiv(%i, %i) = %i (half away from zero)', (n, d, expected) => {
    expect(roundDiv(n, d)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundDiv(-1, 3), 0)).toBe(true);
    expect(Object.is(roundDiv(-0, 3), 0)).toBe(true);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => roundDiv(1, 0)).toThrow(RangeError);
    expect(() => roundDiv(1, -2)).toThrow(RangeError);
  });

  it('divides exact multiples exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, d) => {
      expect(roundDiv(a * d, d)).toBe(a);
    }));
  });

  it('is symmetric around zero and within half a unit of the true quotient', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
      const q = roundDiv(n, d);
      expect(roundDiv(-n, d)).toBe(q === 0 ? 0 : -q);
      expect(Math.abs(n - q * d) * 2).toBeLessThanOrEqual(d);
    }));
  });
});

describe('isCurrency', () => {
  it('knows our currencies only', () => {
    expect(isCurrency('NOK')).toBe(true);
    expect(isCurrency('nok')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency(42)).toBe(false);
  });
});
