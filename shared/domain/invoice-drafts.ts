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
import { listText } from './text-lists.js';
import { rateValue, type MessageId } from '../i18n/text.js';

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

export const LOCKED_INVOICE_MESSAGE: MessageId = 'invoice.refused.locked';

export const MAX_LINES = 50;

/** A discount typed in percent ("10", "12,5", "") as basis points, or why not. */
export function percentToBp(value: string | number): Result<number> {
  const text = String(value).trim().replace('%', '').replace(',', '.').trim();
  if (text === '') return ok(0);
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return refuse('invoice.refused.discountFormat');
  const bp = Math.round(Number(text) * 100);
  if (bp > 10_000) return refuse('invoice.refused.discountAbove100');
  return ok(bp);
}

export function checkLine(input: LineInput, index: number, currency: CurrencyCode, vatRatesBp: readonly number[]): Result<InvoiceLine> {
  const line = index + 1;
  const description = input.description.trim();
  if (description === '') return refuse('invoice.line.descriptionEmpty', { line }, `line-${index}-description`);
  if (description.length > 300) return refuse('invoice.line.descriptionTooLong', { line }, `line-${index}-description`);
  const qtyText = String(input.quantity).trim();
  if (!/^\d+$/.test(qtyText) || Number(qtyText) < 1) return refuse('invoice.line.quantityNotWhole', { line }, `line-${index}-quantity`);
  const quantity = Number(qtyText);
  if (quantity > 10_000) return refuse('invoice.line.quantityTooLarge', { line, max: 10_000 }, `line-${index}-quantity`);
  let unitPriceMinor: number;
  if (typeof input.price === 'number') {
    if (!Number.isInteger(input.price) || input.price < 0) return refuse('invoice.line.priceNegative', { line }, `line-${index}-price`);
    unitPriceMinor = input.price;
  } else {
    const price = parseAmount(input.price, currency);
    if (!price.ok) return refuse('invoice.line.reason', { line, reason: price.text }, `line-${index}-price`);
    unitPriceMinor = price.value;
  }
  if (quantity * unitPriceMinor > MAX_AMOUNT_MINOR) return refuse('invoice.line.amountTooLarge', { line }, `line-${index}-price`);
  const discount = percentToBp(input.discountPercent);
  if (!discount.ok) return refuse('invoice.line.reason', { line, reason: discount.text }, `line-${index}-discount`);
  if (!vatRatesBp.includes(input.vatRateBp)) {
    const rates = listText('vat.rateList', vatRatesBp.map(rateValue)) ?? '';
    return refuse('invoice.line.vatRate', { line, rates }, `line-${index}-vat`);
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
  settings: { currency: CurrencyCode; vatRatesBp: readonly number[] },
  by: Actor,
): Result<InvoiceDoc> {
  if (invoice.status !== 'draft') return refuse(invoice.status === 'void' ? 'invoice.refused.voidNotEditable' : LOCKED_INVOICE_MESSAGE);
  if (invoice.currency !== settings.currency) return refuse('invoice.refused.currencyChanged', { invoiceCurrency: invoice.currency, clinicCurrency: settings.currency });
  if (lines.length > MAX_LINES) return refuse('invoice.refused.tooManyLines', { max: MAX_LINES });
  const checked: InvoiceLine[] = [];
  for (const [i, line] of lines.entries()) {
    // A line whose rate the clinic has since dropped may keep it; new rates must be the clinic's.
    const previous = line.id ? invoice.lines.find((l) => l.id === line.id) : undefined;
    const rates = previous && previous.vatRateBp === line.vatRateBp ? [...settings.vatRatesBp, previous.vatRateBp] : settings.vatRatesBp;
    const result = checkLine(line, i, invoice.currency, rates);
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
