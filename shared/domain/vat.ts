/**
 * VAT rates are whole basis points (2500 = 25 %), so a rate is an integer too.
 * Prices at the front desk are quoted VAT-inclusive; the VAT inside a gross amount
 * is gross × rate / (10000 + rate), rounded once per line with roundDiv.
 */
import { roundDiv } from './money.js';
import { ok, refuse, type Result } from './result.js';

export const MAX_VAT_BP = 10_000;

export function vatInGross(grossMinor: number, rateBp: number): number {
  return roundDiv(grossMinor * rateBp, 10_000 + rateBp);
}

/** "25", "25 %", "12.5" → 2500, 1250. */
export function parseVatRate(input: string): Result<number> {
  const text = input.replace(/[\s%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return refuse('vat.refused.notRate');
  const bp = Math.round(Number(text) * 100);
  if (bp > MAX_VAT_BP) return refuse('vat.refused.above100');
  return ok(bp);
}

export function formatVatRate(rateBp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rateBp / 10_000);
}
