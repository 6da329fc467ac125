/**
 * How a ledger entry reads to staff and on the client's statement ("Invoice 12",
 * "Payment, Cash", "Credit note 14 for invoice 12"). Shared by the ledger tab and the
 * printed statement so both say the same, each in its reader's language.
 */
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import type { LedgerEntry } from '../../../shared/domain/ledger.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { isRefundReversal } from '../../../shared/domain/refund-facts.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { invoiceNumberInTextOf } from '../../../shared/domain/invoice-completion.js';

const num = (inv: Pick<InvoiceDoc, 'number'> | undefined) => invoiceNumberInTextOf(inv ?? { number: 0 });
const method = (entry: LedgerEntry) => text(METHOD_LABELS[entry.method ?? 'other']);

/** The entry as a Text, for any reader. */
export function ledgerEntryText(entry: LedgerEntry, invoices: ReadonlyMap<string, InvoiceDoc>): Text {
  const inv = invoices.get(entry.invoiceId);
  switch (entry.kind) {
    case 'invoice':
      return text('ledger.entry.invoice', { number: num(inv) });
    case 'void':
      return text('ledger.entry.void', { number: num(inv) });
    case 'credit_note': {
      const target = inv ? invoices.get(inv.creditsInvoiceId) : undefined;
      return target ? text('ledger.entry.creditNoteFor', { number: num(inv), target: num(target) }) : text('ledger.entry.creditNote', { number: num(inv) });
    }
    case 'payment':
      if (isRefundReversal(entry)) return text('ledger.entry.refundReversal');
      return inv ? text('ledger.entry.paymentOn', { method: method(entry), number: num(inv) }) : text('ledger.entry.payment', { method: method(entry) });
    case 'refund':
      // Through the payment provider: back to the card that paid the link.
      return entry.method === 'payment_link' ? text('ledger.entry.refundToCard') : text('ledger.entry.refund', { method: method(entry) });
    case 'credit_applied':
      return text('ledger.entry.creditApplied', { number: num(inv) });
    case 'fee':
      return text('ledger.entry.fee', { number: num(inv) });
    case 'fee_waived':
      return text('ledger.entry.feeWaived', { number: num(inv) });
  }
}

/** The entry in the reader's words. */
export function ledgerEntryLabel(entry: LedgerEntry, invoices: ReadonlyMap<string, InvoiceDoc>, translator: Pick<Translator, 't'>): string {
  return translator.t(ledgerEntryText(entry, invoices));
}
