import { describe, expect, it } from 'vitest';
import { parseConnection } from './channels.js';

const stripe = (returnUrl: unknown) => ({ staffId: 'st-1', kind: 'stripe', secretKey: 'sk_test_abcdefgh12345678', returnUrl });

describe('a Stripe connection as main takes it', () => {
  it('comes with the public https page clients see after paying', () => {
    expect(parseConnection(stripe(' https://www.fjordside.no/takk '))).toEqual({ staffId: 'st-1', kind: 'stripe', secretKey: 'sk_test_abcdefgh12345678', returnUrl: 'https://www.fjordside.no/takk' });
  });

  it("is refused without one, or with this desk's own address, which on the client's phone is the phone itself", () => {
    expect(() => parseConnection(stripe(undefined))).toThrow(/Enter the web address clients see after paying/);
    expect(() => parseConnection(stripe('http://127.0.0.1:4319/thanks'))).toThrow(/must start with https/);
    expect(() => parseConnection(stripe('https://127.0.0.1:4319/thanks'))).toThrow(/only works on this computer/);
    expect(() => parseConnection(stripe(42))).toThrow(/returnUrl must be a string/);
  });
});
