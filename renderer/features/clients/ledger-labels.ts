/**
 * How a ledger entry reads to staff and on the client's statement ("Invoice 12",
 * "Payment, Cash", "Credit note 14 for invoice 12"). Shared by the ledger tab and the
 * printed statement so both say the same.
 */
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import type { LedgerEntry } from '../../../shared/domain/ledger.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import { invoiceNumberInText } from '../../../shared/domain/invoice-completion.js';
import { isRefundReversal } from '../../../shared/domain/refund-facts.js';

const num = (inv: Pick<InvoiceDoc, 'number'> | undefined) => invoiceNumberInText(inv ?? { number: 0 });

export function ledgerEntryLabel(entry: LedgerEntry, invoices: ReadonlyMap<string, InvoiceDoc>): string {
  const inv = invoices.get(entry.invoiceId);
  switch (entry.kind) {
    case 'invoice':
      return `Invoice ${num(inv)}`;
    case 'void':
      return `Invoice ${num(inv)} voided`;
    case 'credit_note': {
      const target = inv ? invoices.get(inv.creditsInvoiceId) : undefined;
      return `Credit note ${num(inv)}${target ? ` for invoice ${num(target)}` : ''}`;
    }
    case 'payment':
      if (isRefundReversal(entry)) return 'Refund failed at the payment provider: money back';
      return `Payment, ${METHOD_LABELS[entry.method ?? 'other']}${inv ? ` (invoice ${num(inv)})` : ''}`;
    case 'refund':
      // Through the payment provider: back to the card that paid the link.
      return entry.method === 'payment_link' ? 'Refund to card' : `Refund, ${METHOD_LABELS[entry.method ?? 'other']}`;
    case 'credit_applied':
      return `Client credit used on invoice ${num(inv)}`;
    case 'fee':
      return `Reminder fee on invoice ${num(inv)}`;
    case 'fee_waived':
      return `Reminder fees waived with invoice ${num(inv)}`;
  }
}
