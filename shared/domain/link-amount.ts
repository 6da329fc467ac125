/**
 * What a payment link asks for (PRODUCT.md §3–5; docs/decisions/0011, 0012): the balance
 * as it stands when the link goes out — an Automatic link, whose draft may still change, and
 * a chasing step, which also asks for its own fee — or a fixed amount staff chose, never
 * more than is owed when it goes out. Once sent, a request records the amount its link
 * asked for (fixed).
 *
 * Stored requests keep `amountMinor`, with 0 for "the balance when it goes out" (the schema
 * has no field for the kind yet): `linkAmountOf` is the only reader of that 0 and
 * `storedAmountMinor` the only writer. Everything else — the commands, the sender, the
 * chasing and the screens — works with `LinkAmount`. Pure; imported anywhere.
 */
import type { PaymentRequestDoc } from '../schemas/index.js';

export type LinkAmount = { readonly kind: 'balance' } | { readonly kind: 'fixed'; readonly minor: number };

export const BALANCE_AMOUNT: LinkAmount = { kind: 'balance' };

export function fixedAmount(minor: number): LinkAmount {
  // 0 is stored as "the balance": a fixed amount must be positive to survive the round trip.
  if (!Number.isSafeInteger(minor) || minor <= 0) throw new Error(`A fixed link amount must be a positive number of minor units, not ${minor}.`);
  return { kind: 'fixed', minor };
}

/** What a stored request asks for. */
export function linkAmountOf(request: Pick<PaymentRequestDoc, 'amountMinor'>): LinkAmount {
  return request.amountMinor === 0 ? BALANCE_AMOUNT : { kind: 'fixed', minor: request.amountMinor };
}

/** The stored `amountMinor` for an amount. */
export function storedAmountMinor(amount: LinkAmount): number {
  if (amount.kind === 'balance') return 0;
  fixedAmount(amount.minor); // refuses what would read back as "the balance"
  return amount.minor;
}

/** A link an Automatic booking scheduled: it follows the booking (moved, cancelled) until it goes out. */
export function isAutomaticLink(request: Pick<PaymentRequestDoc, 'purpose' | 'amountMinor'>): boolean {
  return request.purpose === 'payment_link' && linkAmountOf(request).kind === 'balance';
}

export interface Owed {
  /** What the invoice still owes (fees already charged included); never below 0 for asking. */
  readonly balanceMinor: number;
  /** A chasing step's own fee, charged once the step has gone out (0 for none, or when already charged). */
  readonly feeMinor?: number;
}

/**
 * The amount the link asks for now: the balance (plus the step's fee), or the fixed amount
 * when that is less. Never more than is owed, never below 0.
 */
export function amountToAsk(amount: LinkAmount, owed: Owed): number {
  const due = Math.max(0, owed.balanceMinor) + Math.max(0, owed.feeMinor ?? 0);
  return amount.kind === 'balance' ? due : Math.min(amount.minor, due);
}
