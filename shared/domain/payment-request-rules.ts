/**
 * Asking for money by link (docs/product.md §3): how much (the balance, or a part of it,
 * never more), by which channels (the client's email and/or mobile must be valid for the
 * ones chosen), and when (now, or a later time). Checked before anything is written or
 * sent; each refusal names what to fix.
 */
import type { ClientDoc, InvoiceDoc } from '../schemas/index.js';
import { checkEmail, checkPhone } from './contact.js';
import { formatMoney } from './money.js';
import { ok, refuse, type Result } from './result.js';
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
  locale: string,
  now: string,
): Result<PaymentRequestPlan> {
  if (invoice.kind !== 'invoice') return refuse('A credit note cannot be paid by link.');
  if (invoice.status === 'void') return refuse('This invoice is void, so no payment link can be sent for it.');
  const amount = checkAmount(input.amount, { currency: invoice.currency, locale });
  if (!amount.ok) return amount;
  const money = (m: number) => formatMoney(m, invoice.currency, locale);
  if (balanceMinor <= 0) return refuse('This invoice is already paid; there is nothing to ask for.');
  if (amount.value > balanceMinor) return refuse(`A payment link can ask for at most the balance of ${money(balanceMinor)}.`, 'amount');
  const channels = [...new Set(input.channels)];
  if (channels.length === 0) return refuse('Choose email, SMS or both.', 'channels');
  if (channels.includes('email')) {
    if (!client.email) return refuse("The client has no email address. Add one to the client's details, or send by SMS.", 'email');
    const e = checkEmail(client.email);
    if (!e.ok) return refuse(`The client's email address is not valid: ${e.message} Fix it in the client's details.`, 'email');
  }
  if (channels.includes('sms')) {
    if (!client.phone) return refuse("The client has no mobile number. Add one to the client's details, or send by email.", 'phone');
    const p = checkPhone(client.phone);
    if (!p.ok) return refuse(`The client's mobile number is not valid: ${p.message} Fix it in the client's details.`, 'phone');
  }
  let sendAt = now;
  if (input.sendAt) {
    const t = Date.parse(input.sendAt);
    if (Number.isNaN(t)) return refuse('Choose when to send the link.', 'sendAt');
    if (t < Date.parse(now) - 60_000) return refuse('The time to send is in the past. Choose a later time, or send now.', 'sendAt');
    sendAt = new Date(t).toISOString();
  }
  return ok({ amountMinor: amount.value, channels, sendAt });
}
