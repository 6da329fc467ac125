import { describe, expect, it } from 'vitest';
import { amountOnScreen, type TypedAmount } from './checkout-amount.js';

const typed = (text: string, balanceMinor = 75_000, sentAsLink = false): TypedAmount => ({ text, balanceMinor, sentAsLink });

describe('the checkout amount', () => {
  it('is the balance until staff type, and follows it when it changes', () => {
    expect(amountOnScreen(null, 75_000, 'NOK')).toEqual({ text: '750.00', typed: false });
    expect(amountOnScreen(null, 45_000, 'NOK')).toEqual({ text: '450.00', typed: false });
    expect(amountOnScreen(null, -5_000, 'NOK')).toEqual({ text: '0.00', typed: false });
  });

  it('keeps what staff typed, also when a payment elsewhere leaves it within the balance', () => {
    expect(amountOnScreen(typed('300'), 75_000, 'NOK')).toEqual({ text: '300', typed: true });
    expect(amountOnScreen(typed('300'), 55_000, 'NOK')).toEqual({ text: '300', typed: true });
    // Half-typed text stays as typed: taking payment refuses it with its message.
    expect(amountOnScreen(typed('3,'), 55_000, 'NOK')).toEqual({ text: '3,', typed: true });
    // Typed above the balance on purpose (the excess as credit) stays while the balance does.
    expect(amountOnScreen(typed('900'), 75_000, 'NOK')).toEqual({ text: '900', typed: true });
  });

  it('gives way to the new balance when the typed part went out as a link, or is now more than is owed', () => {
    // 300 sent as a link and paid: 450 is left, and 450 is filled in.
    expect(amountOnScreen(typed('300', 75_000, true), 45_000, 'NOK')).toEqual({ text: '450.00', typed: false });
    // Until the balance moves, the part sent is still shown.
    expect(amountOnScreen(typed('300', 75_000, true), 75_000, 'NOK')).toEqual({ text: '300', typed: true });
    expect(amountOnScreen(typed('600'), 45_000, 'NOK')).toEqual({ text: '450.00', typed: false });
  });
});

describe('the checkout amount in the reader\'s locale', () => {
  it('writes the balance with a comma in Norway and a dot in Britain', () => {
    expect(amountOnScreen(null, 75_000, 'NOK', 'nb-NO')).toEqual({ text: '750,00', typed: false });
    expect(amountOnScreen(null, 75_000, 'GBP', 'en-GB')).toEqual({ text: '750.00', typed: false });
  });

  it('reads a typed comma amount to compare it with a new balance', () => {
    expect(amountOnScreen(typed('300,50'), 55_000, 'NOK', 'nb-NO')).toEqual({ text: '300,50', typed: true });
    expect(amountOnScreen(typed('600,00'), 45_000, 'NOK', 'nb-NO')).toEqual({ text: '450,00', typed: false });
  });
});
