/**
 * Money in an input field, written with the reader's decimal mark: `minorToInput` gives
 * "750.00", a Norwegian desk shows "750,00" (docs/decisions/0033-languages.md). `parseAmount`
 * reads both marks back. Pure; renderer only.
 */
import { minorToInput, type CurrencyCode } from '../../shared/domain/money.js';

const marks = new Map<string, string>();

/** The locale's decimal separator: "," in nb-NO, "." in en-GB. */
export function decimalMark(locale: string): string {
  let mark = marks.get(locale);
  if (mark === undefined) {
    mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    marks.set(locale, mark);
  }
  return mark;
}

/** A plain "450.50" (from `minorToInput` or a percentage) with the locale's decimal mark. */
export function withDecimalMark(plain: string, locale: string): string {
  return plain.replace('.', decimalMark(locale));
}

/** Minor units as an editable amount in the locale's way, e.g. 45050 → "450,50" in nb-NO. */
export function moneyInput(amountMinor: number, currency: CurrencyCode, locale: string): string {
  return withDecimalMark(minorToInput(amountMinor, currency), locale);
}
