import { describe, expect, it } from 'vitest';
import { isProviderLinkUrl, systemRequestChangeRefusal } from './system-request-changes.js';
import { inEnglish } from '../i18n/translator.js';

/** The refusal as the server's English message says it. */
const systemRequestChangeProblem = (...args: Parameters<typeof systemRequestChangeRefusal>) => {
  const refusal = systemRequestChangeRefusal(...args);
  return refusal ? inEnglish(refusal) : null;
};

const scheduled = { id: 'pr1', _deleted: false, purpose: 'payment_link', amountMinor: 0, status: 'scheduled', linkUrl: '', providerRef: '', problem: '', updatedBy: 'system' };
const STRIPE = 'https://checkout.stripe.com/c/pay/cs_test_a1';
const sent = { ...scheduled, status: 'sent', amountMinor: 75_000, linkUrl: STRIPE, providerRef: 'cs_test_a1' };

describe('systemRequestChangeRefusal', () => {
  it("takes the desk's sending and the provider's moves", () => {
    expect(systemRequestChangeProblem(scheduled, sent)).toBeNull();
    expect(systemRequestChangeProblem(scheduled, { ...scheduled, status: 'unknown', problem: 'may have gone out' })).toBeNull();
    expect(systemRequestChangeProblem(scheduled, { ...scheduled, status: 'cancelled' })).toBeNull();
    expect(systemRequestChangeProblem(sent, { ...sent, status: 'paid' })).toBeNull();
    expect(systemRequestChangeProblem(sent, { ...sent, status: 'processing' })).toBeNull();
    expect(systemRequestChangeProblem({ ...sent, status: 'processing' }, { ...sent, status: 'paid' })).toBeNull();
    expect(systemRequestChangeProblem(sent, { ...sent, status: 'expired' })).toBeNull();
    // The sandbox's pay page is on this computer.
    expect(systemRequestChangeProblem(scheduled, { ...sent, linkUrl: 'http://127.0.0.1:4319/pay/sb_1' })).toBeNull();
    // A chasing step the scheduler adds.
    expect(systemRequestChangeProblem(null, { ...scheduled, purpose: 'reminder' })).toBeNull();
  });

  it('refuses what the sending and the provider never do (a forged "paid", a changed amount, an outside address)', () => {
    expect(systemRequestChangeProblem(scheduled, { ...scheduled, status: 'paid' })).toMatch(/from “Scheduled” to “Paid”/);
    expect(systemRequestChangeProblem({ ...sent, status: 'cancelled' }, { ...sent, status: 'paid' })).toMatch(/from “Cancelled” to “Paid”/);
    expect(systemRequestChangeProblem({ ...sent, status: 'paid' }, { ...sent, status: 'sent' })).toMatch(/from “Paid” to “Link sent”/);
    expect(systemRequestChangeProblem(sent, { ...sent, status: 'superseded' })).toMatch(/from “Link sent” to “Replaced by a newer link”/);
    expect(systemRequestChangeProblem(sent, { ...sent, status: 'paid', amountMinor: 1 })).toMatch(/amount is fixed/);
    expect(systemRequestChangeProblem(sent, { ...sent, linkUrl: 'https://evil.example/pay' })).toMatch(/never changes/);
    expect(systemRequestChangeProblem(scheduled, { ...sent, linkUrl: 'https://evil.example/pay' })).toMatch(/provider's own pay page/);
    expect(systemRequestChangeProblem(null, { ...scheduled })).toMatch(/asked for by a person/);
    expect(systemRequestChangeProblem(null, { ...scheduled, purpose: 'reminder', status: 'sent' })).toMatch(/starts as scheduled/);
  });
});

describe('isProviderLinkUrl', () => {
  it("takes https on the provider's hosts and this computer's sandbox, nothing else", () => {
    for (const ok of [STRIPE, 'https://buy.stripe.com/test_1', 'http://127.0.0.1:4319/pay/x', 'http://localhost:5000/pay/x', 'http://[::1]:80/pay']) expect(isProviderLinkUrl(ok), ok).toBe(true);
    for (const bad of ['http://checkout.stripe.com/c/pay/x', 'https://checkout.stripe.com.evil.example/x', 'https://evil.example/?checkout.stripe.com',
      'https://user:pw@checkout.stripe.com/x', 'javascript:alert(1)', 'https://pay/x', '', 'not a url', 'https://192.168.1.5/pay']) expect(isProviderLinkUrl(bad), bad).toBe(false);
  });
});
