/**
 * Taking money at the desk (docs/product.md §3, docs/design.md invariant 8): what a payment,
 * applied credit or refund may be, checked before anything is written. Each refusal
 * says what to fix in words a receptionist understands. Pure; the data layer reads the
 * documents, asks these rules, and writes the fact they return.
 */
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import type { PaymentMethod } from '../schemas/payments.js';
import { MAX_AMOUNT_MINOR, parseAmount, type CurrencyCode } from './money.js';
import { ok, refuse, type Result } from './result.js';
import { moneyValue, type MessageId } from '../i18n/text.js';
import type { InvoiceAccount } from './ledger.js';

/** Methods staff choose at the desk, in the order the POS lists them. */
export const DESK_METHODS = ['cash', 'card_terminal', 'bank_transfer', 'other'] as const satisfies readonly PaymentMethod[];
export type DeskMethod = (typeof DESK_METHODS)[number];

/** Each method's name, as a catalogue id: `t(METHOD_LABELS[method])`. */
export const METHOD_LABELS: Readonly<Record<PaymentMethod, MessageId>> = {
  cash: 'payment.method.cash',
  card_terminal: 'payment.method.cardTerminal',
  bank_transfer: 'payment.method.bankTransfer',
  payment_link: 'payment.method.paymentLink',
  other: 'payment.method.other',
  client_credit: 'payment.method.clientCredit',
};

export interface AmountContext {
  readonly currency: CurrencyCode;
}

/** An amount typed at the desk, or already in minor units: positive, whole minor units. */
export function checkAmount(amount: string | number, ctx: AmountContext, field = 'amount'): Result<number> {
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount) || !Number.isInteger(amount)) return refuse('money.refused.notWholeMinor', field);
    if (amount < 0) return refuse('money.refused.negative', field);
    if (amount === 0) return refuse('money.refused.zero', field);
    if (amount > MAX_AMOUNT_MINOR) return refuse('money.refused.tooLarge', field);
    return ok(amount);
  }
  const parsed = parseAmount(amount, ctx.currency);
  if (!parsed.ok) return { ...parsed, field };
  if (parsed.value === 0) return refuse('money.refused.zero', field);
  return parsed;
}

export interface PaymentInput {
  readonly amount: string | number;
  readonly method: DeskMethod | 'payment_link';
  /** The currency the money was taken in; the invoice's when omitted. */
  readonly currency?: CurrencyCode;
  /** Keep what is above the balance as client credit (instead of refusing). */
  readonly overpaymentToCredit?: boolean;
  /** Cash handed over, for change due; defaults to the amount. */
  readonly tendered?: string | number;
}

export interface PaymentPlan {
  readonly amountMinor: number;
  readonly tenderedMinor: number;
  readonly changeMinor: number;
  /** What becomes client credit (above the balance). */
  readonly toCreditMinor: number;
  readonly balanceAfterMinor: number;
}

const money = (amountMinor: number, ctx: AmountContext) => moneyValue(amountMinor, ctx.currency);

/**
 * A payment on an invoice. The invoice must be completed (a draft is completed first by
 * the caller) and not void; the amount positive, in the invoice's currency, and not above
 * the balance unless the excess is kept as credit. Cash may be tendered above the amount:
 * the difference is change, not credit.
 */
export function planPayment(
  invoice: Pick<InvoiceDoc, 'status' | 'kind' | 'currency'>,
  account: Pick<InvoiceAccount, 'balanceMinor'>,
  input: PaymentInput,
): Result<PaymentPlan> {
  const ctx = { currency: invoice.currency };
  if (invoice.kind !== 'invoice') return refuse('payment.refused.creditNote');
  if (invoice.status === 'void') return refuse('payment.refused.void');
  if (invoice.status === 'draft') return refuse('payment.refused.draft');
  if (input.currency && input.currency !== invoice.currency) {
    return refuse('payment.refused.currency', { invoiceCurrency: invoice.currency, paymentCurrency: input.currency }, 'currency');
  }
  if (!(DESK_METHODS as readonly string[]).includes(input.method) && input.method !== 'payment_link') return refuse('payment.refused.method', 'method');
  const amount = checkAmount(input.amount, ctx);
  if (!amount.ok) return amount;
  const amountMinor = amount.value;
  const balance = account.balanceMinor;
  if (balance <= 0 && !input.overpaymentToCredit) {
    return refuse('payment.refused.alreadyPaid', 'amount');
  }
  if (amountMinor > balance && !input.overpaymentToCredit) {
    return refuse('payment.refused.overBalance', { amount: money(amountMinor, ctx), balance: money(balance, ctx), extra: money(amountMinor - balance, ctx) }, 'amount');
  }
  let tenderedMinor = 0;
  if (input.method === 'cash') {
    if (input.tendered === undefined || input.tendered === '') tenderedMinor = amountMinor;
    else {
      const tendered = checkAmount(input.tendered, ctx, 'tendered');
      if (!tendered.ok) return tendered;
      if (tendered.value < amountMinor) return refuse('payment.refused.tenderedTooLittle', { tendered: money(tendered.value, ctx), amount: money(amountMinor, ctx) }, 'tendered');
      tenderedMinor = tendered.value;
    }
  }
  const toCreditMinor = Math.max(0, amountMinor - Math.max(balance, 0));
  return ok({
    amountMinor,
    tenderedMinor,
    changeMinor: input.method === 'cash' ? tenderedMinor - amountMinor : 0,
    toCreditMinor,
    balanceAfterMinor: Math.max(0, balance - amountMinor),
  });
}

/** Client credit used to pay an invoice: never more than the credit, nor than the balance. */
export function planCreditApplication(
  invoice: Pick<InvoiceDoc, 'status' | 'kind' | 'currency'>,
  account: Pick<InvoiceAccount, 'balanceMinor'>,
  creditMinor: number,
  amount: string | number,
): Result<number> {
  const ctx = { currency: invoice.currency };
  if (invoice.kind !== 'invoice' || invoice.status !== 'completed') return refuse('payment.refused.creditOnCompletedOnly');
  const checked = checkAmount(amount, ctx);
  if (!checked.ok) return checked;
  if (creditMinor <= 0) return refuse('payment.refused.noCredit', 'amount');
  if (checked.value > creditMinor) return refuse('payment.refused.overCredit', { credit: money(creditMinor, ctx), amount: money(checked.value, ctx) }, 'amount');
  if (checked.value > account.balanceMinor) return refuse('payment.refused.creditOverBalance', { amount: money(checked.value, ctx), balance: money(account.balanceMinor, ctx) }, 'amount');
  return ok(checked.value);
}

/** A refund of the client's credit: paid out by a desk method, never more than the credit. */
export function planRefund(creditMinor: number, amount: string | number, method: string, ctx: AmountContext): Result<number> {
  if (!(DESK_METHODS as readonly string[]).includes(method)) return refuse('refund.refused.method', 'method');
  const checked = checkAmount(amount, ctx);
  if (!checked.ok) return checked;
  if (creditMinor <= 0) return refuse('refund.refused.noCredit', 'amount');
  if (checked.value > creditMinor) return refuse('refund.refused.overCredit', { credit: money(creditMinor, ctx), amount: money(checked.value, ctx) }, 'amount');
  return ok(checked.value);
}

/** The fact recorded for a payment, credit application or refund. */
/**
 * The plan a payment already written stands for, told again to whoever repeats its command
 * (a retry, a double click): its own amount and cash, and the invoice as it is now.
 */
export function recordedPaymentPlan(payment: Pick<PaymentDoc, 'amountMinor' | 'tenderedMinor'>, accountNow: Pick<InvoiceAccount, 'balanceMinor' | 'allocatedMinor' | 'dueMinor'>): PaymentPlan {
  return {
    amountMinor: payment.amountMinor,
    tenderedMinor: payment.tenderedMinor,
    changeMinor: Math.max(0, payment.tenderedMinor - payment.amountMinor),
    toCreditMinor: Math.min(payment.amountMinor, Math.max(0, accountNow.allocatedMinor - accountNow.dueMinor)),
    balanceAfterMinor: Math.max(0, accountNow.balanceMinor),
  };
}

export function moneyFact(fields: Omit<PaymentDoc, 'externalRef' | 'tenderedMinor'> & Partial<Pick<PaymentDoc, 'externalRef' | 'tenderedMinor'>>): PaymentDoc {
  return { externalRef: '', tenderedMinor: 0, ...fields };
}
