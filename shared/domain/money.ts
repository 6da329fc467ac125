/**
 * Money is an integer number of minor units plus an ISO 4217 currency (docs/design.md
 * invariant 1). Never a float: amounts typed by staff are parsed straight to minor
 * units, and every calculation stays in integers.
 */
import { ok, refuse, type Result } from './result.js';

export const CURRENCIES = ['NOK', 'GBP', 'EUR', 'USD', 'SEK', 'DKK'] as const;
export type CurrencyCode = (typeof CURRENCIES)[number];

/** Digits after the decimal point; all our currencies use two (øre, pence, cents). */
export const MINOR_DIGITS: Readonly<Record<CurrencyCode, number>> = {
  NOK: 2, GBP: 2, EUR: 2, USD: 2, SEK: 2, DKK: 2,
};

/**
 * The most one amount may be — a price, an invoice line, a payment, a refund, a fee: 10,000,000.00
 * in major units (1e9 minor units). No front desk takes that much at once, a mistyped amount
 * (three zeros too many) is caught, and sums of many amounts stay far inside exact integers.
 * The desks refuse more when it is typed, and the sync server when it is pushed
 * (shared/sync/document-rules.ts), so the two never disagree.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

/** The locale a clinic gets by default for its currency; it decides number formatting. */
export const DEFAULT_LOCALE: Readonly<Record<CurrencyCode, string>> = {
  NOK: 'nb-NO', GBP: 'en-GB', EUR: 'en-IE', USD: 'en-US', SEK: 'sv-SE', DKK: 'da-DK',
};

export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

export function isCurrency(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units with Intl in the clinic's locale, e.g. 45000 NOK in nb-NO → "450,00 kr". */
export function formatMoney(amountMinor: number, currency: CurrencyCode, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: MINOR_DIGITS[currency],
      maximumFractionDigits: MINOR_DIGITS[currency],
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amountMinor / 10 ** MINOR_DIGITS[currency]);
}

/** Minor units as a plain editable string with a dot, e.g. 45050 → "450.50". */
export function minorToInput(amountMinor: number, currency: CurrencyCode): string {
  const digits = MINOR_DIGITS[currency];
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const major = Math.floor(abs / 10 ** digits);
  const minor = String(abs % 10 ** digits).padStart(digits, '0');
  return `${sign}${major}.${minor}`;
}

/**
 * Parses what a person types into minor units. Accepts "450", "450.5", "450,50",
 * "1 234,50", "1,234.50", "1.234,50" and "1.234.567". Thousands separators must group
 * three digits; a lone separator followed by exactly three digits ("4.505") is ambiguous
 * and refused, as are more than two decimals (never rounded).
 * Negative amounts are refused: refunds and credits are their own operations.
 */
export function parseAmount(input: string, currency: CurrencyCode): Result<number> {
  const text = input.replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return refuse('money.refused.empty');
  if (text.startsWith('-')) return refuse('money.refused.negative');
  const notAmount = refuse('money.refused.notAmount', { input: input.trim() });
  if (!/^[0-9.,]+$/.test(text)) return notAmount;
  const digits = MINOR_DIGITS[currency];
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sepAt = Math.max(lastDot, lastComma);
    const count = text.split(text[sepAt]!).length - 1;
    const after = text.length - sepAt - 1;
    if (count === 1 && after === 3) {
      // "4.505" is 4505 to some and 4.505 to others: ask rather than guess a factor of 1000.
      const whole = text.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '');
      return refuse('money.refused.ambiguousSeparator', { digits, currency, whole });
    }
    if (count === 1) decimalAt = sepAt;
  }
  const intRaw = decimalAt >= 0 ? text.slice(0, decimalAt) : text;
  const fracPart = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  // Thousands separators: one kind, not the decimal mark, groups of exactly three digits.
  const grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/.exec(intRaw);
  const badGrouping = /[.,]/.test(intRaw) && (!grouped || (decimalAt >= 0 && grouped[1] === text[decimalAt]));
  if (badGrouping || /[.,]/.test(fracPart) || (intRaw === '' && fracPart === '')) return notAmount;
  const intPart = intRaw.replace(/[.,]/g, '');
  if (fracPart.length > digits) {
    return refuse('money.refused.tooManyDecimals', { digits, currency });
  }
  const major = intPart === '' ? 0 : Number(intPart);
  const minor = Number(fracPart.padEnd(digits, '0') || '0');
  const total = major * 10 ** digits + minor;
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT_MINOR) {
    return refuse('money.refused.tooLarge');
  }
  return ok(total);
}

/**
 * Integer division rounded half away from zero: the one rounding rule used for VAT
 * and discounts (docs/decisions/0003-money-and-vat.md).
 */
export function roundDiv(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const q = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  // Never -0: Intl formats it as "−0,00".
  return numerator < 0 && q !== 0 ? -q : q;
}
