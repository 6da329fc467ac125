/**
 * Asking for money by link (docs/product.md §3): how much (the balance, or a part of it,
 * never more), by which channels (the client's email and/or mobile must be valid for the
 * ones chosen), and when (now, or a later time). Checked before anything is written or
 * sent; each refusal names what to fix.
 */
import type { ClientDoc, InvoiceDoc } from '../schemas/index.js';
import { checkEmail, checkPhone } from './contact.js';
import { ok, refuse, type Result } from './result.js';
import { moneyValue } from '../i18n/text.js';
import { checkAmount } from './payment-rules.js';

export type Channel = 'email' | 'sms';

export interface PaymentRequestInput {
  readonly amount: string | number;
  readonly channels: readonly Channel[];
  /** UTC ISO instant to send at; empty or omitted: now. */
  readonly sendAt?: string;
}

export interface PaymentRequestPlan {
  readonly amountMinor: number;
  readonly channels: Channel[];
  readonly sendAt: string;
}

/**
 * `balanceMinor`: what the invoice still asks for, less what open links already ask for
 * is NOT subtracted here — two open links may each ask for the balance; whatever is paid
 * beyond it becomes credit (docs/decisions/0008-ledger.md).
 */
export function planPaymentRequest(
  invoice: Pick<InvoiceDoc, 'kind' | 'status' | 'currency'>,
  balanceMinor: number,
  client: Pick<ClientDoc, 'email' | 'phone'>,
  input: PaymentRequestInput,
  now: string,
): Result<PaymentRequestPlan> {
  if (invoice.kind !== 'invoice') return refuse('link.refused.creditNote');
  if (invoice.status === 'void') return refuse('link.refused.void');
  const amount = checkAmount(input.amount, { currency: invoice.currency });
  if (!amount.ok) return amount;
  if (balanceMinor <= 0) return refuse('link.refused.alreadyPaid');
  if (amount.value > balanceMinor) return refuse('link.refused.overBalance', { balance: moneyValue(balanceMinor, invoice.currency) }, 'amount');
  const channels = [...new Set(input.channels)];
  if (channels.length === 0) return refuse('link.refused.noChannel', 'channels');
  if (channels.includes('email')) {
    if (!client.email) return refuse('link.refused.noEmail', 'email');
    const e = checkEmail(client.email);
    if (!e.ok) return refuse('link.refused.badEmail', { reason: e.text }, 'email');
  }
  if (channels.includes('sms')) {
    if (!client.phone) return refuse('link.refused.noPhone', 'phone');
    const p = checkPhone(client.phone);
    if (!p.ok) return refuse('link.refused.badPhone', { reason: p.text }, 'phone');
  }
  let sendAt = now;
  if (input.sendAt) {
    const t = Date.parse(input.sendAt);
    if (Number.isNaN(t)) return refuse('link.refused.sendAtMissing', 'sendAt');
    if (t < Date.parse(now) - 60_000) return refuse('link.refused.sendAtPast', 'sendAt');
    sendAt = new Date(t).toISOString();
  }
  return ok({ amountMinor: amount.value, channels, sendAt });
}
