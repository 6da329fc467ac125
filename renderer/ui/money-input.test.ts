import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../shared/domain/money.js';
import { decimalMark, moneyInput, withDecimalMark } from './money-input.js';

describe('money in an input field', () => {
  it('uses a comma in Norway and a dot in Britain', () => {
    expect(decimalMark('nb-NO')).toBe(',');
    expect(decimalMark('en-GB')).toBe('.');
    expect(moneyInput(75_000, 'NOK', 'nb-NO')).toBe('750,00');
    expect(moneyInput(75_000, 'NOK', 'en-GB')).toBe('750.00');
    expect(moneyInput(123_456_789, 'NOK', 'nb-NO')).toBe('1234567,89');
    expect(withDecimalMark('12.5', 'nb-NO')).toBe('12,5');
    expect(withDecimalMark('12', 'nb-NO')).toBe('12');
  });

  it('reads back as the same amount in either locale', () => {
    for (const locale of ['nb-NO', 'en-GB']) {
      for (const minor of [0, 5, 75_000, 45_050, 123_456_789]) {
        expect(parseAmount(moneyInput(minor, 'NOK', locale), 'NOK')).toEqual({ ok: true, value: minor });
      }
    }
  });
});
