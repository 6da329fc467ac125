/**
 * The checkout's Amount: the balance, or what staff typed (keyboard or calculator). The
 * balance can change while the checkout is open — a link payment arrives, another desk
 * takes money — and the field must never show a stale figure under "the full balance is
 * filled in". Pure, so the rule is tested without a browser.
 */
import { minorToInput, parseAmount, type CurrencyCode } from '../../../shared/domain/money.js';

/** What staff typed, against which balance, and whether it has gone out as a payment link. */
export interface TypedAmount {
  readonly text: string;
  readonly balanceMinor: number;
  readonly sentAsLink: boolean;
}

export interface AmountOnScreen {
  readonly text: string;
  /** False: the field holds the balance and follows it. */
  readonly typed: boolean;
}

export function amountOnScreen(typed: TypedAmount | null, balanceMinor: number, currency: CurrencyCode): AmountOnScreen {
  const balance: AmountOnScreen = { text: minorToInput(Math.max(balanceMinor, 0), currency), typed: false };
  if (!typed) return balance;
  if (typed.balanceMinor !== balanceMinor) {
    // A part sent as a link is what the client then paid (or is paying): the new balance takes over.
    if (typed.sentAsLink) return balance;
    // More than is now owed: capped to the balance rather than offering an overpayment nobody asked for.
    const parsed = parseAmount(typed.text, currency);
    if (parsed.ok && parsed.value > Math.max(balanceMinor, 0)) return balance;
  }
  return { text: typed.text, typed: true };
}
