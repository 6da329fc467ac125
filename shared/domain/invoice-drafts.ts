/**
 * Editing a draft invoice's lines (docs/product.md §2). Only a draft changes; a completed
 * invoice is locked and corrected with a credit note (invariant 3). Every line is
 * checked before anything is written, and a refusal names the line and field.
 */
import type { InvoiceDoc, InvoiceLine } from '../schemas/index.js';
import { changeStamp, type Actor } from './actor.js';
import { MAX_AMOUNT_MINOR, minorToInput, parseAmount, type CurrencyCode } from './money.js';
import { newId } from './ids.js';
import { ok, refuse, type Result } from './result.js';
import { formatVatRate } from './vat.js';

/** A line as typed in the invoice editor. */
export interface LineInput {
  /** Keep the line's id when editing an existing line; empty for a new one. */
  readonly id?: string;
  readonly serviceId?: string;
  readonly description: string;
  readonly quantity: string | number;
  readonly price: string | number;
  /** Discount in percent, e.g. "10" or "12.5"; empty means none. */
  readonly discountPercent: string | number;
  /** VAT rate in basis points: one of the clinic's rates. */
  readonly vatRateBp: number;
}

export const LOCKED_INVOICE_MESSAGE = 'This invoice is completed and locked. Use a credit note to correct it.';

export const MAX_LINES = 50;

/** A discount typed in percent ("10", "12,5", "") as basis points, or why not. */
export function percentToBp(value: string | number): Result<number> {
  const text = String(value).trim().replace('%', '').replace(',', '.').trim();
  if (text === '') return ok(0);
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return refuse('Enter the discount as a percentage from 0 to 100, like 10 or 12.5.');
  const bp = Math.round(Number(text) * 100);
  if (bp > 10_000) return refuse('A discount cannot be more than 100 %.');
  return ok(bp);
}

export function checkLine(input: LineInput, index: number, currency: CurrencyCode, vatRatesBp: readonly number[], locale: string): Result<InvoiceLine> {
  const where = `Line ${index + 1}`;
  const description = input.description.trim();
  if (description === '') return refuse(`${where}: describe what is being charged.`, `line-${index}-description`);
  if (description.length > 300) return refuse(`${where}: keep the description under 300 characters.`, `line-${index}-description`);
  const qtyText = String(input.quantity).trim();
  if (!/^\d+$/.test(qtyText) || Number(qtyText) < 1) return refuse(`${where}: the quantity must be a whole number of at least 1.`, `line-${index}-quantity`);
  const quantity = Number(qtyText);
  if (quantity > 10_000) return refuse(`${where}: the quantity can be at most 10,000.`, `line-${index}-quantity`);
  let unitPriceMinor: number;
  if (typeof input.price === 'number') {
    if (!Number.isInteger(input.price) || input.price < 0) return refuse(`${where}: the price must be zero or more.`, `line-${index}-price`);
    unitPriceMinor = input.price;
  } else {
    const price = parseAmount(input.price, currency);
    if (!price.ok) return refuse(`${where}: ${price.message}`, `line-${index}-price`);
    unitPriceMinor = price.value;
  }
  if (quantity * unitPriceMinor > MAX_AMOUNT_MINOR) return refuse(`${where}: the amount is too large.`, `line-${index}-price`);
  const discount = percentToBp(input.discountPercent);
  if (!discount.ok) return refuse(`${where}: ${discount.message}`, `line-${index}-discount`);
  if (!vatRatesBp.includes(input.vatRateBp)) {
    const rates = vatRatesBp.map((r) => formatVatRate(r, locale)).join(', ');
    return refuse(`${where}: choose one of the clinic's VAT rates (${rates}).`, `line-${index}-vat`);
  }
  return ok({
    id: input.id || newId(),
    serviceId: input.serviceId ?? '',
    description,
    quantity,
    unitPriceMinor,
    discountBp: discount.value,
    vatRateBp: input.vatRateBp,
  });
}

/** The draft with new lines, or why not. No line is taken unless every line is valid. */
export function editDraftLines(
  invoice: InvoiceDoc,
  lines: readonly LineInput[],
  settings: { currency: CurrencyCode; vatRatesBp: readonly number[]; locale: string },
  by: Actor,
): Result<InvoiceDoc> {
  if (invoice.status !== 'draft') return refuse(invoice.status === 'void' ? 'This invoice is void and cannot be edited.' : LOCKED_INVOICE_MESSAGE);
  if (invoice.currency !== settings.currency) return refuse(`This draft is in ${invoice.currency} but the clinic now charges in ${settings.currency}. Void it and create a new one.`);
  if (lines.length > MAX_LINES) return refuse(`An invoice can have at most ${MAX_LINES} lines.`);
  const checked: InvoiceLine[] = [];
  for (const [i, line] of lines.entries()) {
    // A line whose rate the clinic has since dropped may keep it; new rates must be the clinic's.
    const previous = line.id ? invoice.lines.find((l) => l.id === line.id) : undefined;
    const rates = previous && previous.vatRateBp === line.vatRateBp ? [...settings.vatRatesBp, previous.vatRateBp] : settings.vatRatesBp;
    const result = checkLine(line, i, invoice.currency, rates, settings.locale);
    if (!result.ok) return result;
    checked.push(result.value);
  }
  return ok({ ...invoice, lines: checked, ...changeStamp(by) });
}

/** The editor's starting values for an existing line. */
export function lineToInput(line: InvoiceLine, currency: CurrencyCode): LineInput {
  const price = minorToInput(line.unitPriceMinor, currency);
  return {
    id: line.id,
    serviceId: line.serviceId,
    description: line.description,
    quantity: String(line.quantity),
    price,
    discountPercent: line.discountBp === 0 ? '' : String(line.discountBp / 100),
    vatRateBp: line.vatRateBp,
  };
}
