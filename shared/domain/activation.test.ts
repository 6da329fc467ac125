import { describe, expect, it } from 'vitest';
import { activationChangeRefusal, checkActivation, paymentsActive } from './activation.js';
import { resolveBilling } from './billing.js';
import { inEnglish } from '../i18n/translator.js';

const NOW = '2026-03-02T09:00:00.000Z';
const off = { invoicingActivatedAt: '' };

describe('activating payments', () => {
  it('records the moment, the process and the provider; the sandbox counts as a provider', () => {
    expect(checkActivation(off, { billingProcess: 'automatic', provider: 'sandbox' }, false, NOW)).toEqual({ ok: true, value: { invoicingActivatedAt: NOW, billingProcess: 'automatic', paymentProvider: 'sandbox' } });
    expect(checkActivation(off, { billingProcess: 'manual', provider: 'stripe' }, true, NOW)).toMatchObject({ ok: true, value: { paymentProvider: 'stripe' } });
  });

  it('refuses twice, Stripe without its key, and choices that are not offered', () => {
    const twice = checkActivation({ invoicingActivatedAt: NOW }, { billingProcess: 'automatic', provider: 'sandbox' }, false, '2026-03-03T09:00:00.000Z');
    expect(twice.ok || inEnglish(twice.text)).toMatch(/^Payments are already activated \(since /);
    expect(checkActivation(off, { billingProcess: 'automatic', provider: 'stripe' }, false, NOW)).toMatchObject({ ok: false, field: 'provider' });
    expect(checkActivation(off, { billingProcess: 'sometimes', provider: 'sandbox' }, false, NOW)).toMatchObject({ ok: false, field: 'billingProcess' });
    expect(checkActivation(off, { billingProcess: 'automatic', provider: 'paypal' }, false, NOW)).toMatchObject({ ok: false, field: 'provider' });
  });

  it('bills every booking outside the app until activated, and bookings made before the moment after it', () => {
    const settings = { billingProcess: 'automatic' as const, manualCreateDraft: true };
    expect(paymentsActive(off)).toBe(false);
    expect(resolveBilling({ ...settings, ...off }, 'manual', NOW)).toBe('external');
    expect(resolveBilling({ ...settings, invoicingActivatedAt: NOW }, 'clinic-default', '2026-03-02T08:59:59.999Z')).toBe('external');
    expect(resolveBilling({ ...settings, invoicingActivatedAt: NOW }, 'clinic-default', NOW)).toBe('automatic');
  });

  it('keeps the moment once it is set: a settings change that moves or clears it is refused', () => {
    expect(activationChangeRefusal({ invoicingActivatedAt: '' }, { invoicingActivatedAt: NOW })).toBeNull();
    expect(activationChangeRefusal({ invoicingActivatedAt: NOW }, { invoicingActivatedAt: NOW, paymentTermsDays: 30 })).toBeNull();
    expect(activationChangeRefusal(null, { invoicingActivatedAt: NOW })).toBeNull();
    expect(inEnglish(activationChangeRefusal({ invoicingActivatedAt: NOW }, { invoicingActivatedAt: '' })!)).toMatch(/cannot be changed/);
    expect(activationChangeRefusal({ invoicingActivatedAt: NOW }, { invoicingActivatedAt: '2026-01-01T00:00:00.000Z' })).not.toBeNull();
  });
});
