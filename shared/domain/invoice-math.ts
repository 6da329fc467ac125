/**
 * Invoice arithmetic on integer minor units. A line's gross is
 * quantity × unit price − discount; its VAT is the VAT inside that gross; the
 * invoice's totals are exact sums of its lines, so they always agree.
 */
import { roundDiv } from './money.js';
import { vatInGross } from './vat.js';

export interface InvoiceLineInput {
  readonly quantity: number;
  readonly unitPriceMinor: number;
  /** Discount in basis points of the line's gross before discount (1000 = 10 %). */
  readonly discountBp: number;
  readonly vatRateBp: number;
}

export interface LineTotals {
  readonly grossMinor: number;
  readonly discountMinor: number;
  readonly vatMinor: number;
  readonly netMinor: number;
}

export interface VatGroup {
  readonly vatRateBp: number;
  readonly netMinor: number;
  readonly vatMinor: number;
}

export interface InvoiceTotals {
  readonly totalMinor: number;
  readonly vatMinor: number;
  readonly netMinor: number;
  readonly discountMinor: number;
  readonly byRate: readonly VatGroup[];
}

export function lineTotals(line: InvoiceLineInput): LineTotals {
  const beforeDiscount = line.quantity * line.unitPriceMinor;
  const discountMinor = roundDiv(beforeDiscount * line.discountBp, 10_000);
  const grossMinor = beforeDiscount - discountMinor;
  const vatMinor = vatInGross(grossMinor, line.vatRateBp);
  return { grossMinor, discountMinor, vatMinor, netMinor: grossMinor - vatMinor };
}

export function invoiceTotals(lines: readonly InvoiceLineInput[]): InvoiceTotals {
  let totalMinor = 0;
  let vatMinor = 0;
  let discountMinor = 0;
  const groups = new Map<number, { netMinor: number; vatMinor: number }>();
  for (const line of lines) {
    const t = lineTotals(line);
    totalMinor += t.grossMinor;
    vatMinor += t.vatMinor;
    discountMinor += t.discountMinor;
    const g = groups.get(line.vatRateBp) ?? { netMinor: 0, vatMinor: 0 };
    g.netMinor += t.netMinor;
    g.vatMinor += t.vatMinor;
    groups.set(line.vatRateBp, g);
  }
  const byRate = [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRateBp, g]) => ({ vatRateBp, ...g }));
  return { totalMinor, vatMinor, netMinor: totalMinor - vatMinor, discountMinor, byRate };
}
