/**
 * Completing an invoice (docs/product.md §2): it leaves draft, gets a number, an invoice
 * date and a due date, and is locked. On a synced desk the number comes from the
 * server's single gap-free series, so a desk completes it with number 0 ("number
 * pending") and the server fills number and dates in; a standalone desk numbers itself.
 */
import type { ClinicSettingsDoc, InvoiceDoc } from '../schemas/index.js';
import { changeStamp, type Actor } from './actor.js';
import { ok, refuse, type Result } from './result.js';
import { numberInvoice } from './invoice-numbering.js';
import { text, type Text } from '../i18n/text.js';

export type Numbering = { kind: 'server' } | { kind: 'local'; nextNumber: number };

export function completeDraft(
  invoice: InvoiceDoc,
  settings: Pick<ClinicSettingsDoc, 'timeZone' | 'paymentTermsDays'>,
  numbering: Numbering,
  by: Actor,
): Result<InvoiceDoc> {
  const now = by.now;
  if (invoice.status !== 'draft') return refuse('invoice.refused.alreadyCompleted');
  if (invoice.lines.length === 0) return refuse('invoice.refused.noLines');
  const base = { ...invoice, status: 'completed' as const, completedAt: now, ...changeStamp(by) };
  if (numbering.kind === 'server') return ok({ ...base, number: 0, invoiceDate: '', dueDate: '' });
  // The same numbering and dating rule the server applies.
  return ok(numberInvoice(base, numbering.nextNumber, now, settings));
}

/** The number in running text ("Invoice 12", "Invoice (number pending)"), until the sync server assigns it. */
export function invoiceNumberInTextOf(invoice: Pick<InvoiceDoc, 'number'>): Text {
  return invoice.number > 0 ? text('invoice.number.value', { number: String(invoice.number) }) : text('invoice.number.pending');
}

/** Shown where the number goes: the number, or why there is none yet. */
export function invoiceNumberLabelOf(invoice: Pick<InvoiceDoc, 'status' | 'number'>): Text {
  if (invoice.status === 'draft') return text('invoice.number.assignedWhenCompleted');
  return invoice.number > 0 ? text('invoice.number.value', { number: String(invoice.number) }) : text('invoice.number.pendingLabel');
}
