/**
 * Correcting an issued invoice (invariant 3): a numbered invoice is never edited or
 * deleted. It can be voided while no money and no credit note touch it; otherwise a
 * credit note (full or partial) takes back what was charged. Drafts can be voided by
 * anyone who books (nothing was issued); see invoice-permissions.ts for who may do what.
 */
import type { InvoiceDoc, InvoiceLine } from '../schemas/index.js';
import { changeStamp, createStamp, type Actor } from './actor.js';
import { formatMoney } from './money.js';
import { newId } from './ids.js';
import { lineTotals } from './invoice-math.js';
import { ok, refuse, type Result } from './result.js';
import type { InvoiceAccount } from './ledger.js';
import { checkAmount } from './payment-rules.js';

export function voidInvoice(invoice: InvoiceDoc, account: Pick<InvoiceAccount, 'allocatedMinor' | 'creditedMinor'>, by: Actor): Result<InvoiceDoc> {
  if (invoice.kind === 'credit_note') return refuse('A credit note cannot be voided.');
  if (invoice.status === 'void') return refuse('This invoice is already void.');
  if (invoice.status === 'completed') {
    if (account.allocatedMinor !== 0) return refuse('Money has been taken on this invoice, so it cannot be voided. Use a credit note instead; what was paid becomes client credit.');
    if (account.creditedMinor > 0) return refuse('This invoice already has a credit note. Credit the rest instead of voiding it.');
  }
  return ok({ ...invoice, status: 'void', ...changeStamp(by) });
}

export type CreditRequest =
  | { readonly mode: 'full' }
  /** Per line of the invoice, the amount to credit (typed text or minor units); missing or empty = 0. */
  | { readonly mode: 'lines'; readonly amounts: Readonly<Record<string, string | number>> };

/**
 * A credit note against a completed invoice, ready for completion (it is numbered in the
 * same series). Lines carry the amounts credited, each at its original line's VAT rate.
 * The whole note can never credit more than the invoice still charges.
 */
export function draftCreditNote(
  invoice: InvoiceDoc,
  account: Pick<InvoiceAccount, 'chargedMinor' | 'creditedMinor'>,
  request: CreditRequest,
  locale: string,
  by: Actor,
): Result<InvoiceDoc> {
  if (invoice.kind !== 'invoice') return refuse('A credit note cannot itself be credited.');
  if (invoice.status === 'draft') return refuse('This invoice is still a draft: edit it instead of crediting it.');
  if (invoice.status === 'void') return refuse('This invoice is void; there is nothing to credit.');
  const money = (m: number) => formatMoney(m, invoice.currency, locale);
  const left = account.chargedMinor - account.creditedMinor;
  if (left <= 0) return refuse('This invoice has already been credited in full.');

  let lines: InvoiceLine[];
  if (request.mode === 'full') {
    if (account.creditedMinor > 0) return refuse(`Part of this invoice has already been credited. Credit the remaining ${money(left)} line by line.`);
    lines = invoice.lines.map((l) => ({ ...l, id: newId(), description: `Credit: ${l.description}`.slice(0, 300) }));
  } else {
    lines = [];
    for (const [i, line] of invoice.lines.entries()) {
      const raw = request.amounts[line.id];
      if (raw === undefined || raw === '' || raw === 0) continue;
      const amount = checkAmount(raw, { currency: invoice.currency, locale }, `credit-${i}`);
      if (!amount.ok) return refuse(`Line ${i + 1}: ${amount.message}`, amount.field);
      const lineGross = lineTotals(line).grossMinor;
      if (amount.value > lineGross) return refuse(`Line ${i + 1}: a credit of ${money(amount.value)} is more than the line's ${money(lineGross)}.`, `credit-${i}`);
      lines.push({ id: newId(), serviceId: line.serviceId, description: `Credit: ${line.description}`.slice(0, 300), quantity: 1, unitPriceMinor: amount.value, discountBp: 0, vatRateBp: line.vatRateBp });
    }
    if (lines.length === 0) return refuse('Enter an amount to credit on at least one line.');
  }
  const total = lines.reduce((sum, l) => sum + lineTotals(l).grossMinor, 0);
  if (total > left) return refuse(`A credit note cannot be more than what is left on the invoice: ${money(left)}.`);
  return ok({
    id: newId(),
    kind: 'credit_note',
    status: 'draft',
    clientId: invoice.clientId,
    bookingId: '',
    creditsInvoiceId: invoice.id,
    currency: invoice.currency,
    lines,
    number: 0,
    invoiceDate: '',
    dueDate: '',
    completedAt: '',
    serviceDate: invoice.serviceDate,
    ...createStamp(by),
  });
}
