/**
 * Where an invoice belongs in the client's lists, derived from its status and the
 * payments recorded against it (never stored). Active = still expecting money;
 * Settled = paid, voided, or externally billed.
 */
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { invoiceTotals } from './invoice-math.js';

export type InvoiceBucket = 'active' | 'settled';
export type InvoiceState = 'draft' | 'unpaid' | 'part_paid' | 'paid' | 'void';

export interface InvoiceSummary {
  totalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  state: InvoiceState;
  bucket: InvoiceBucket;
}

export function paidOn(invoiceId: string, payments: readonly Pick<PaymentDoc, 'invoiceId' | 'kind' | 'amountMinor'>[]): number {
  let paid = 0;
  for (const p of payments) {
    if (p.invoiceId !== invoiceId) continue;
    paid += p.kind === 'refund' ? -p.amountMinor : p.amountMinor;
  }
  return paid;
}

export function summarizeInvoice(invoice: Pick<InvoiceDoc, 'id' | 'status' | 'lines'>, paidMinor: number): InvoiceSummary {
  const totalMinor = invoiceTotals(invoice.lines).totalMinor;
  const balanceMinor = totalMinor - paidMinor;
  let state: InvoiceState;
  if (invoice.status === 'void') state = 'void';
  else if (invoice.status === 'draft') state = 'draft';
  else if (balanceMinor <= 0) state = 'paid';
  else state = paidMinor > 0 ? 'part_paid' : 'unpaid';
  const bucket: InvoiceBucket = state === 'paid' || state === 'void' ? 'settled' : 'active';
  return { totalMinor, paidMinor, balanceMinor, state, bucket };
}

export const INVOICE_STATE_LABELS: Readonly<Record<InvoiceState, string>> = {
  draft: 'Draft',
  unpaid: 'Unpaid',
  part_paid: 'Part-paid',
  paid: 'Paid',
  void: 'Void',
};
