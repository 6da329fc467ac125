/** The Stripe provider against the local Stripe: exactly what Stripe receives, retries, expiry, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SECRET_KEY, startStripeFake, type RecordedRequest, type StripeFake } from '../../../server/test-support/stripe-fake/stripe-fake.js';
import { CHECKOUT_MAX_LIFETIME_MS, EXPIRY_MARGIN_MS, StripeProviderError, checkoutExpiry, checkoutLocale, createStripeProvider, withoutSecrets } from './stripe-provider.js';
import type { LinkRequest, PaymentProvider } from './types.js';
import { createTranslator } from '../../../shared/i18n/translator.js';


const NOW = new Date('2026-03-02T09:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;

function linkRequest(over: Partial<LinkRequest> = {}): LinkRequest {
  return {
    requestId: 'pr-1', invoiceId: 'inv-1', clinicId: 'c-1', amountMinor: 45_000, currency: 'NOK',
    description: 'Invoice 12 — Fjordside Fysio', expiresAt: new Date(NOW.getTime() + 3 * 3_600_000).toISOString(),
    idempotencyKey: 'pr-1:link', ...over,
  };
}

describe('the Stripe provider', () => {
  let fake: StripeFake;
  let provider: PaymentProvider;
  beforeAll(async () => {
    fake = await startStripeFake({ now: () => NOW });
    provider = createStripeProvider({
      secretKey: FAKE_SECRET_KEY, successUrl: 'https://pay.example/done', cancelUrl: 'https://pay.example/back',
      stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, now: () => NOW,
    });
  });
  afterAll(() => fake.stop());

  const creations = (): RecordedRequest[] => fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');

  it('creates a Checkout Session with exactly these fields, our ids as metadata and the request’s idempotency key', async () => {
    const link = await provider.createLink(linkRequest());
    const [sent] = creations();
    expect(sent!.status).toBe(200);
    expect(sent!.headers['idempotency-key']).toBe('pr-1:link');
    expect(sent!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const ids = { clinic_id: 'c-1', invoice_id: 'inv-1', payment_request_id: 'pr-1' };
    expect(sent!.params).toEqual({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'nok', unit_amount: '45000', product_data: { name: 'Invoice 12 — Fjordside Fysio' } }, quantity: '1' }],
      expires_at: String(NOW_S + 3 * 3600),
      metadata: ids,
      payment_intent_data: { metadata: ids },
      success_url: 'https://pay.example/done',
      cancel_url: 'https://pay.example/back',
      // No language given: Checkout follows the client's browser.
      locale: 'auto',
    });
    // Nothing but the form fields above travelled: no description, no payment_method_types.
    expect(decodeURIComponent(sent!.body.replace(/\+/g, ' '))).not.toMatch(/description|payment_method_types|telemetry/);
    expect(sent!.headers['x-stripe-client-telemetry']).toBeUndefined();
    const session = fake.session(link.providerRef);
    expect(link).toEqual({ url: session.url, providerRef: session.id, expiresAt: new Date((NOW_S + 3 * 3600) * 1000).toISOString() });
  });

  it("opens Checkout in the client's language: bokmål for a Norwegian client, English for an English one", async () => {
    const nb = await provider.createLink(linkRequest({ requestId: 'pr-nb', idempotencyKey: 'pr-nb:link', language: 'nb' }));
    expect(creations().find((r) => r.headers['idempotency-key'] === 'pr-nb:link')!.params!.locale).toBe('nb');
    expect(fake.session(nb.providerRef).locale).toBe('nb');
    await provider.createLink(linkRequest({ requestId: 'pr-en', idempotencyKey: 'pr-en:link', language: 'en' }));
    expect(creations().find((r) => r.headers['idempotency-key'] === 'pr-en:link')!.params!.locale).toBe('en');
    expect(checkoutLocale('nb')).toBe('nb');
    expect(checkoutLocale(undefined)).toBe('auto');
  });

  it('gives the same session for a retried call with the same key', async () => {
    const request = linkRequest({ requestId: 'pr-2', idempotencyKey: 'pr-2:link' });
    const first = await provider.createLink(request);
    const again = await provider.createLink(request);
    expect(again).toEqual(first);
    const sent = creations().filter((r) => r.headers['idempotency-key'] === 'pr-2:link');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe(sent[0]!.body);
  });

  it("clamps the expiry into Checkout's 30 minutes – 24 hours, with a margin", async () => {
    const soon = await provider.createLink(linkRequest({ requestId: 'pr-3', idempotencyKey: 'pr-3', expiresAt: new Date(NOW.getTime() + 5 * 60_000).toISOString() }));
    expect(Date.parse(soon.expiresAt)).toBe(NOW.getTime() + 32 * 60_000);
    const late = await provider.createLink(linkRequest({ requestId: 'pr-4', idempotencyKey: 'pr-4', expiresAt: new Date(NOW.getTime() + 72 * 3_600_000).toISOString() }));
    expect(Date.parse(late.expiresAt)).toBe(NOW.getTime() + CHECKOUT_MAX_LIFETIME_MS - EXPIRY_MARGIN_MS);
    expect(checkoutExpiry(new Date(NOW.getTime() + 3_600_000).toISOString(), NOW)).toBe(NOW_S + 3600);
    expect(() => checkoutExpiry('not a date', NOW)).toThrow(StripeProviderError);
  });

  it('expires a link idempotently, and says when the client completed it instead', async () => {
    const link = await provider.createLink(linkRequest({ requestId: 'pr-5', idempotencyKey: 'pr-5' }));
    await expect(provider.expireLink(link.providerRef)).resolves.toBe('expired');
    await expect(provider.expireLink(link.providerRef)).resolves.toBe('expired');
    expect(fake.session(link.providerRef).status).toBe('expired');
    expect(fake.events.filter((e) => e.type === 'checkout.session.expired' && (e.data as { object: { id: string } }).object.id === link.providerRef)).toHaveLength(1);

    const paid = await provider.createLink(linkRequest({ requestId: 'pr-6', idempotencyKey: 'pr-6' }));
    fake.completeSession(paid.providerRef, 'paid');
    await expect(provider.expireLink(paid.providerRef)).resolves.toBe('completed');
    expect(fake.session(paid.providerRef).status).toBe('complete');
    // It looks before it acts: Stripe is never asked to expire what it would refuse to.
    expect(fake.requests.filter((r) => r.url.includes(paid.providerRef)).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);

    await expect(provider.expireLink('cs_test_unknown')).rejects.toBeInstanceOf(StripeProviderError);
  });

  it('refuses a bad request before calling Stripe, and reports what Stripe refuses', async () => {
    const before = fake.requests.length;
    for (const bad of [{ amountMinor: -100 }, { amountMinor: 0 }, { amountMinor: 12.5 }, { currency: 'kroner' }, { description: ' ' }, { idempotencyKey: '' }]) {
      await expect(provider.createLink(linkRequest(bad)), JSON.stringify(bad)).rejects.toMatchObject({ code: 'invalid_link_request', retryable: false });
    }
    expect(fake.requests.length).toBe(before);
    const refused = provider.createLink(linkRequest({ currency: 'XYZ', idempotencyKey: 'pr-xyz' }));
    await expect(refused).rejects.toBeInstanceOf(StripeProviderError);
    await expect(refused).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('Invalid currency') });
    // The same key with another amount is Stripe's idempotency_error, not a second session.
    await expect(provider.createLink(linkRequest({ amountMinor: 1, idempotencyKey: 'pr-1:link' }))).rejects.toMatchObject({ retryable: false });
  });

  it('never puts the secret key in an error', async () => {
    const wrongKey = 'sk_test_51WrongKeyThatMustNotLeak000000000000';
    const wrong = createStripeProvider({
      secretKey: wrongKey, successUrl: 'https://pay.example/done', cancelUrl: 'https://pay.example/back',
      stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, now: () => NOW,
    });
    const err = await wrong.createLink(linkRequest({ idempotencyKey: 'pr-wrong' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StripeProviderError);
    const text = `${(err as Error).message} ${(err as Error).stack} ${JSON.stringify(err)}`;
    expect(text).not.toContain(wrongKey);
    expect(text).not.toContain('WrongKeyThat');
    expect(text).toContain('secret key');
    // A refusal with its Text: a Norwegian desk reads it in bokmål.
    expect(createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' }).t((err as StripeProviderError).text))
      .toBe('Stripe avviste klinikkens hemmelige nøkkel under opprettelsen av betalingslenken. Sjekk nøkkelen i Innstillinger.');
    const unreachable = createStripeProvider({
      secretKey: wrongKey, successUrl: 'https://pay.example/done', cancelUrl: 'https://pay.example/back',
      stripeOptions: { host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 }, now: () => NOW,
    });
    const down = await unreachable.createLink(linkRequest({ idempotencyKey: 'pr-down' })).catch((e: unknown) => e);
    expect(down).toMatchObject({ retryable: true });
    expect(JSON.stringify(down) + (down as Error).message).not.toContain(wrongKey);
    expect(withoutSecrets(`Invalid API Key provided: ${wrongKey} / whsec_abc123`)).toBe('Invalid API Key provided: [secret key] / [signing secret]');
  });
});
