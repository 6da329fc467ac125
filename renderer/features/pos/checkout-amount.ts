/**
 * The checkout's Amount: the balance, or what staff typed (keyboard or calculator). The
 * balance can change while the checkout is open — a link payment arrives, another desk
 * takes money — and the field must never show a stale figure under "the full balance is
 * filled in". The balance is written with the reader's decimal mark ("750,00" in Norway).
 * Pure, so the rule is tested without a browser.
 */
import { minorToInput, parseAmount, type CurrencyCode } from '../../../shared/domain/money.js';
import { moneyInput } from '../../ui/money-input.js';

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

/** `locale`: the reader's (the Translator's); without it the balance has a dot, as `minorToInput` writes it. */
export function amountOnScreen(typed: TypedAmount | null, balanceMinor: number, currency: CurrencyCode, locale?: string): AmountOnScreen {
  const owed = Math.max(balanceMinor, 0);
  const balance: AmountOnScreen = { text: locale ? moneyInput(owed, currency, locale) : minorToInput(owed, currency), typed: false };
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
