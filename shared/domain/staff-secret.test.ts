import { describe, expect, it } from 'vitest';
import { afterWrongSecret, FREE_WRONG_ATTEMPTS, NO_FAILURES, newSecretProblem, pinAllowed, waitBeforeAttempt, type SignInFailures } from './staff-secret.js';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('new secrets', () => {
  it('lets reception and practitioners choose a PIN of six or more digits, and no one else', () => {
    expect(pinAllowed(['reception'])).toBe(true);
    expect(pinAllowed(['practitioner'])).toBe(true);
    expect(pinAllowed(['reception', 'billing'])).toBe(false);
    expect(pinAllowed(['admin'])).toBe(false);
    expect(newSecretProblem(['reception'], 'pin', '482917')).toEqual({ ok: true, value: '482917' });
    expect(newSecretProblem(['billing'], 'pin', '482917')).toMatchObject({ ok: false, message: expect.stringMatching(/password of at least 10/) });
  });

  it('refuses short, non-digit and guessable PINs', () => {
    for (const pin of ['48291', '48291a', '000000', '123456', '987654', '890123', '1'.repeat(13)]) {
      expect(newSecretProblem(['reception'], 'pin', pin).ok, pin).toBe(false);
    }
    expect(newSecretProblem(['reception'], 'pin', '135792').ok).toBe(true);
  });

  it('asks billing and admin for ten characters, others for eight', () => {
    expect(newSecretProblem(['admin'], 'password', 'nine-char').ok).toBe(false);
    expect(newSecretProblem(['admin'], 'password', 'ten-chars!').ok).toBe(true);
    expect(newSecretProblem(['reception'], 'password', 'eightchr').ok).toBe(true);
    expect(newSecretProblem(['reception'], 'password', 'sevench').ok).toBe(false);
    expect(newSecretProblem(['admin'], 'password', ' leading space').ok).toBe(false);
    // Counted in characters a person types, not UTF-16 units.
    expect(newSecretProblem(['admin'], 'password', '😀'.repeat(5)).ok).toBe(false);
  });
});

describe('wrong secrets', () => {
  const wrong = (n: number): SignInFailures => {
    let state = NO_FAILURES;
    for (let i = 0; i < n; i++) state = afterWrongSecret(state, NOW);
    return state;
  };

  it('lets a few wrong secrets go without a wait, then doubles the wait up to 15 minutes', () => {
    expect(waitBeforeAttempt(wrong(FREE_WRONG_ATTEMPTS), NOW)).toBe(0);
    expect(waitBeforeAttempt(wrong(FREE_WRONG_ATTEMPTS + 1), NOW)).toBe(30_000);
    expect(waitBeforeAttempt(wrong(FREE_WRONG_ATTEMPTS + 2), NOW)).toBe(60_000);
    expect(waitBeforeAttempt(wrong(FREE_WRONG_ATTEMPTS + 20), NOW)).toBe(15 * 60_000);
  });

  it('ends the wait when its time has passed', () => {
    const state = wrong(FREE_WRONG_ATTEMPTS + 1);
    expect(waitBeforeAttempt(state, new Date(NOW.getTime() + 29_999))).toBe(1);
    expect(waitBeforeAttempt(state, new Date(NOW.getTime() + 30_000))).toBe(0);
  });
});
