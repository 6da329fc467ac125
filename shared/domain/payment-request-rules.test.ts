import { describe, expect, it } from 'vitest';
import { planPaymentRequest } from './payment-request-rules.js';
import { createTranslator } from '../i18n/translator.js';

const NOW = '2026-11-21T10:00:00.000Z';
const invoice = { kind: 'invoice' as const, status: 'completed' as const, currency: 'NOK' as const };
const client = { email: 'ingrid@example.com', phone: '+47 412 34 567' };
const plan = (input: Parameters<typeof planPaymentRequest>[3], over: { balance?: number; client?: typeof client } = {}) =>
  planPaymentRequest(invoice, over.balance ?? 76_600, over.client ?? client, input, NOW);

describe('planPaymentRequest', () => {
  it('asks for the balance or a part of it, by the chosen channels, now or later', () => {
    expect(plan({ amount: '766', channels: ['email', 'sms'] })).toEqual({ ok: true, value: { amountMinor: 76_600, channels: ['email', 'sms'], sendAt: NOW } });
    expect(plan({ amount: '200', channels: ['sms'], sendAt: '2026-11-22T08:00:00.000Z' })).toMatchObject({ ok: true, value: { amountMinor: 20_000, sendAt: '2026-11-22T08:00:00.000Z' } });
  });

  it('refuses more than the balance, nothing, or no channel', () => {
    expect(plan({ amount: '800', channels: ['email'] })).toMatchObject({ ok: false, field: 'amount', message: expect.stringMatching(/^A payment link can ask for at most the balance of NOK\s766\.00\.$/) });
    expect(plan({ amount: '0', channels: ['email'] })).toMatchObject({ ok: false, message: 'The amount must be more than zero.' });
    expect(plan({ amount: '-5', channels: ['email'] })).toMatchObject({ ok: false, message: 'The amount cannot be negative.' });
    expect(plan({ amount: '10', channels: [] })).toMatchObject({ ok: false, field: 'channels' });
    expect(plan({ amount: '10', channels: ['email'] }, { balance: 0 })).toMatchObject({ ok: false, message: expect.stringMatching(/already paid/) });
  });

  it('names the missing or invalid email or phone before anything is sent', () => {
    expect(plan({ amount: '10', channels: ['email'] }, { client: { email: '', phone: client.phone } })).toMatchObject({ ok: false, field: 'email', message: expect.stringMatching(/no email address/) });
    expect(plan({ amount: '10', channels: ['email'] }, { client: { email: 'ingrid@', phone: '' } })).toMatchObject({ ok: false, field: 'email' });
    expect(plan({ amount: '10', channels: ['sms'] }, { client: { email: client.email, phone: '' } })).toMatchObject({ ok: false, field: 'phone', message: expect.stringMatching(/no mobile number/) });
    expect(plan({ amount: '10', channels: ['sms'] }, { client: { email: '', phone: 'call me' } })).toMatchObject({ ok: false, field: 'phone' });
  });

  it('reads its refusals in bokmål, with the amount in Norwegian', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const over = plan({ amount: '800', channels: ['email'] });
    expect(!over.ok && nb.t(over.text).replace(/\s/g, ' ')).toBe('En betalingslenke kan be om høyst saldoen på 766,00 kr.');
    const badEmail = plan({ amount: '10', channels: ['email'] }, { client: { email: 'ingrid@', phone: '' } });
    expect(!badEmail.ok && nb.t(badEmail.text)).toBe('Klientens e-postadresse er ikke gyldig: «ingrid@» er ikke en gyldig e-postadresse. Sjekk at den ser ut som navn@eksempel.no. Rett den i klientens opplysninger.');
  });

  it('refuses a time in the past, a credit note, and a void invoice', () => {
    expect(plan({ amount: '10', channels: ['email'], sendAt: '2026-11-20T10:00:00.000Z' })).toMatchObject({ ok: false, field: 'sendAt' });
    expect(planPaymentRequest({ ...invoice, kind: 'credit_note' }, 100, client, { amount: '1', channels: ['email'] }, NOW).ok).toBe(false);
    expect(planPaymentRequest({ ...invoice, status: 'void' }, 100, client, { amount: '1', channels: ['email'] }, NOW).ok).toBe(false);
  });
});
