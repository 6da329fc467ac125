/**
 * Correcting an issued invoice (invariant 3): a numbered invoice is never edited or
 * deleted. It can be voided while no money and no credit note touch it; otherwise a
 * credit note (full or partial) takes back what was charged. Drafts can be voided by
 * anyone who books (nothing was issued); see invoice-permissions.ts for who may do what.
 */
import type { InvoiceDoc, InvoiceLine } from '../schemas/index.js';
import { changeStamp, createStamp, type Actor } from './actor.js';
import { newId } from './ids.js';
import { lineTotals } from './invoice-math.js';
import { ok, refuse, type Result } from './result.js';
import type { InvoiceAccount } from './ledger.js';
import { checkAmount } from './payment-rules.js';
import { moneyValue } from '../i18n/text.js';
import { createTranslator, type Translator } from '../i18n/translator.js';
import { languageOfLocale } from '../i18n/locale.js';

const clinicTranslators = new Map<string, Translator>();

/** Words for documents the clinic stores and prints: the language of its locale. */
function clinicWords(clinicLocale: string): Translator {
  let tr = clinicTranslators.get(clinicLocale);
  if (!tr) clinicTranslators.set(clinicLocale, (tr = createTranslator({ language: languageOfLocale(clinicLocale), clinicLocale, timeZone: 'UTC' })));
  return tr;
}

export function voidInvoice(invoice: InvoiceDoc, account: Pick<InvoiceAccount, 'allocatedMinor' | 'creditedMinor'>, by: Actor): Result<InvoiceDoc> {
  if (invoice.kind === 'credit_note') return refuse('invoice.refused.voidCreditNote');
  if (invoice.status === 'void') return refuse('invoice.refused.alreadyVoid');
  if (invoice.status === 'completed') {
    if (account.allocatedMinor !== 0) return refuse('invoice.refused.voidPaid');
    if (account.creditedMinor > 0) return refuse('invoice.refused.voidCredited');
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
 * The whole note can never credit more than the invoice still charges. Its lines are described
 * in the language of the clinic's locale ("Credit: Consultation"), as the note is stored and printed.
 */
export function draftCreditNote(
  invoice: InvoiceDoc,
  account: Pick<InvoiceAccount, 'chargedMinor' | 'creditedMinor'>,
  request: CreditRequest,
  clinicLocale: string,
  by: Actor,
): Result<InvoiceDoc> {
  if (invoice.kind !== 'invoice') return refuse('invoice.refused.creditCreditNote');
  if (invoice.status === 'draft') return refuse('invoice.refused.creditDraft');
  if (invoice.status === 'void') return refuse('invoice.refused.creditVoid');
  const money = (m: number) => moneyValue(m, invoice.currency);
  const left = account.chargedMinor - account.creditedMinor;
  if (left <= 0) return refuse('invoice.refused.creditedInFull');
  const creditLine = (description: string) => clinicWords(clinicLocale).t('invoice.creditLine', { description }).slice(0, 300);

  let lines: InvoiceLine[];
  if (request.mode === 'full') {
    if (account.creditedMinor > 0) return refuse('invoice.refused.partlyCredited', { left: money(left) });
    lines = invoice.lines.map((l) => ({ ...l, id: newId(), description: creditLine(l.description) }));
  } else {
    lines = [];
    for (const [i, line] of invoice.lines.entries()) {
      const raw = request.amounts[line.id];
      if (raw === undefined || raw === '' || raw === 0) continue;
      const amount = checkAmount(raw, { currency: invoice.currency }, `credit-${i}`);
      if (!amount.ok) return refuse('invoice.line.reason', { line: i + 1, reason: amount.text }, amount.field);
      const lineGross = lineTotals(line).grossMinor;
      if (amount.value > lineGross) return refuse('invoice.line.creditOverLine', { line: i + 1, amount: money(amount.value), lineTotal: money(lineGross) }, `credit-${i}`);
      lines.push({ id: newId(), serviceId: line.serviceId, description: creditLine(line.description), quantity: 1, unitPriceMinor: amount.value, discountBp: 0, vatRateBp: line.vatRateBp });
    }
    if (lines.length === 0) return refuse('invoice.refused.creditNothing');
  }
  const total = lines.reduce((sum, l) => sum + lineTotals(l).grossMinor, 0);
  if (total > left) return refuse('invoice.refused.creditOverLeft', { left: money(left) });
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
