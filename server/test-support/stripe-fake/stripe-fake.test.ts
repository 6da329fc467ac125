/** The local Stripe refuses what Stripe would refuse, answers in Stripe's shapes, and plays the customer. */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, startStripeFake, type StripeFake } from './stripe-fake.js';
import { parseStripeForm } from './form.js';
import type { Json } from './fixtures.js';

/** A Stripe response as these tests read it: an object, a list or an error. */
interface Answer {
  readonly id: string;
  readonly status: string;
  readonly error: { readonly type: string; readonly code?: string; readonly param?: string; readonly message: string };
  readonly data: Json[];
  readonly has_more: boolean;
  readonly [key: string]: unknown;
}
const objectOf = (event: Json) => (event.data as { object: Json }).object;

const NOW = new Date('2026-03-02T09:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;

/** A valid creation body, as the Stripe SDK encodes it; `over` replaces or (with undefined) removes fields. */
function sessionForm(over: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    mode: 'payment',
    'line_items[0][price_data][currency]': 'nok',
    'line_items[0][price_data][unit_amount]': '45000',
    'line_items[0][price_data][product_data][name]': 'Invoice 12 — Fjordside Fysio',
    'line_items[0][quantity]': '1',
    expires_at: String(NOW_S + 3600),
    'metadata[clinic_id]': 'c-1',
    'metadata[invoice_id]': 'inv-1',
    'metadata[payment_request_id]': 'pr-1',
    'payment_intent_data[metadata][clinic_id]': 'c-1',
    success_url: 'https://pay.example/done',
    cancel_url: 'https://pay.example/back',
    ...over,
  };
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return body.toString();
}

describe('the local Stripe test server', () => {
  let fake: StripeFake;
  let keyCounter = 0;
  beforeAll(async () => { fake = await startStripeFake({ now: () => NOW }); });
  afterAll(() => fake.stop());

  async function post(path: string, body: string, headers: Record<string, string | null> = {}) {
    const h: Record<string, string> = {};
    const all: Record<string, string | null> = {
      authorization: `Bearer ${FAKE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `k-${++keyCounter}`, ...headers,
    };
    for (const [k, v] of Object.entries(all)) if (v !== null) h[k] = v;
    const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: h, body });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Answer };
  }

  async function get(path: string, auth: string | null = `Bearer ${FAKE_SECRET_KEY}`) {
    const res = await fetch(`${fake.url}${path}`, { headers: auth ? { authorization: auth } : {} });
    return { status: res.status, body: (await res.json()) as Answer };
  }

  it('creates a session shaped like Stripe’s own example, with our fields', async () => {
    const res = await post('/v1/checkout/sessions', sessionForm());
    expect(res.status).toBe(200);
    const example = JSON.parse(readFileSync(new URL('./stripe-fixtures.json', import.meta.url), 'utf8'))['checkout.session'];
    // Stripe's own example's fields, and every field the pinned SDK's Session type requires.
    expect(Object.keys(res.body).sort()).toEqual([...new Set([...Object.keys(example), ...requiredSessionFields()])].sort());
    expect(res.body).toMatchObject({
      object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid', amount_total: 45_000, currency: 'nok',
      expires_at: NOW_S + 3600, metadata: { clinic_id: 'c-1', invoice_id: 'inv-1', payment_request_id: 'pr-1' }, payment_intent: null,
    });
    // As long as Stripe's: `cs_test_` and 58 more; the pay page's address well over 300 characters.
    expect(res.body.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(String(res.body.url).length).toBeGreaterThan(300);
    expect((await get(`/v1/checkout/sessions/${res.body.id}`)).body).toEqual(res.body);
  });

  it('refuses a request without a valid test secret key, masking the key', async () => {
    expect((await post('/v1/checkout/sessions', sessionForm(), { authorization: null })).status).toBe(401);
    const wrong = await post('/v1/checkout/sessions', sessionForm(), { authorization: 'Bearer sk_test_somebodyElsesKey1234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).not.toContain('somebodyElses');
    expect((await post('/v1/checkout/sessions', sessionForm(), { authorization: `Basic ${FAKE_SECRET_KEY}` })).status).toBe(401);
    expect((await get('/v1/events', null)).status).toBe(401);
  });

  it('refuses amounts that are not positive integers', async () => {
    for (const amount of ['-100', '0', '12.5', 'abc']) {
      const res = await post('/v1/checkout/sessions', sessionForm({ 'line_items[0][price_data][unit_amount]': amount }));
      expect(res.status, amount).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'line_items[0][price_data][unit_amount]' });
    }
    const quantity = await post('/v1/checkout/sessions', sessionForm({ 'line_items[0][quantity]': '0' }));
    expect(quantity.body.error.param).toBe('line_items[0][quantity]');
  });

  it('refuses unknown parameters, at the top and nested, and real ones it does not implement', async () => {
    const unknown = await post('/v1/checkout/sessions', sessionForm({ colour: 'blue' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour', message: 'Received unknown parameter: colour' });
    // Not a parameter of Checkout Sessions in the pinned API version (it is allowed_payment_method_types now).
    expect((await post('/v1/checkout/sessions', sessionForm({ 'payment_method_types[0]': 'card' }))).body.error.code).toBe('parameter_unknown');
    expect((await post('/v1/checkout/sessions', sessionForm({ 'line_items[0][colour]': 'x' }))).body.error.param).toBe('line_items[0][colour]');
    const described = await post('/v1/checkout/sessions', sessionForm({ 'line_items[0][price_data][product_data][description]': 'Massage' }));
    expect(described.body.error.code).toBe('fake_not_implemented');
    expect((await post('/v1/checkout/sessions', sessionForm({ customer_email: 'kari@example.com' }))).body.error.code).toBe('fake_not_implemented');
  });

  it("takes Checkout's locale as Stripe does, and refuses one Stripe does not speak", async () => {
    const nb = await post('/v1/checkout/sessions', sessionForm({ locale: 'nb' }));
    expect(nb.status).toBe(200);
    expect(nb.body.locale).toBe('nb');
    expect((await post('/v1/checkout/sessions', sessionForm({ locale: 'auto' }))).body.locale).toBe('auto');
    expect((await post('/v1/checkout/sessions', sessionForm())).body.locale).toBeNull();
    for (const bad of ['no', 'nn', 'en-NO', 'NB']) {
      const res = await post('/v1/checkout/sessions', sessionForm({ locale: bad }));
      expect(res.status, bad).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'locale', message: expect.stringMatching(/^Invalid locale: must be one of auto, bg, .*, nb, .*, or zh-TW$/) });
    }
  });

  it('refuses missing params, bad currencies, expiry outside 30 min – 24 h, and metadata that is not our ids', async () => {
    const expectRefused = async (over: Record<string, string | undefined>, param: string) => {
      const res = await post('/v1/checkout/sessions', sessionForm(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.param).toBe(param);
    };
    await expectRefused({ mode: undefined }, 'mode');
    await expectRefused({ success_url: undefined }, 'success_url');
    await expectRefused({ 'line_items[0][price_data][currency]': 'NOK' }, 'line_items[0][price_data][currency]');
    await expectRefused({ 'line_items[0][price_data][currency]': 'xyz' }, 'line_items[0][price_data][currency]');
    await expectRefused({ 'line_items[0][price_data][product_data][name]': '' }, 'line_items[0][price_data][product_data][name]');
    await expectRefused({ 'line_items[0][price_data][product_data][name]': undefined }, 'line_items[0][price_data][product_data]');
    await expectRefused({ expires_at: String(NOW_S + 29 * 60) }, 'expires_at');
    await expectRefused({ expires_at: String(NOW_S + 24 * 3600 + 1) }, 'expires_at');
    await expectRefused({ 'metadata[service]': 'Massage' }, 'metadata[service]');
    await expectRefused({ 'payment_intent_data[metadata][note]': 'x' }, 'payment_intent_data[metadata][note]');
    expect((await post('/v1/checkout/sessions', sessionForm({ expires_at: String(NOW_S + 30 * 60) }))).status).toBe(200);
    expect((await post('/v1/checkout/sessions', sessionForm({ expires_at: String(NOW_S + 24 * 3600) }))).status).toBe(200);
  });

  it('refuses bodies that are not form-encoded and POSTs without an idempotency key', async () => {
    expect((await post('/v1/checkout/sessions', JSON.stringify({ mode: 'payment' }), { 'content-type': 'application/json' })).status).toBe(400);
    const noKey = await post('/v1/checkout/sessions', sessionForm(), { 'idempotency-key': null });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('idempotency_key_missing');
    expect((await post('/v1/checkout/sessions', 'line_items[0]=a&line_items[0][x]=b')).status).toBe(400);
  });

  it('replays the same key and body, and refuses the same key with another body', async () => {
    const key = 'pr-1:link';
    const first = await post('/v1/checkout/sessions', sessionForm(), { 'idempotency-key': key });
    const again = await post('/v1/checkout/sessions', sessionForm(), { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await post('/v1/checkout/sessions', sessionForm({ 'line_items[0][price_data][unit_amount]': '40000' }), { 'idempotency-key': key });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    // A request refused by validation keeps no result: the key can still be used.
    const badFirst = await post('/v1/checkout/sessions', sessionForm({ colour: 'x' }), { 'idempotency-key': 'fresh' });
    expect(badFirst.status).toBe(400);
    expect((await post('/v1/checkout/sessions', sessionForm(), { 'idempotency-key': 'fresh' })).status).toBe(200);
  });

  it('expires an open session once, and refuses to expire one that is not open', async () => {
    const s = (await post('/v1/checkout/sessions', sessionForm())).body;
    const expired = await post(`/v1/checkout/sessions/${s.id}/expire`, '');
    expect(expired.body.status).toBe('expired');
    const again = await post(`/v1/checkout/sessions/${s.id}/expire`, '');
    expect(again.status).toBe(400);
    expect((await post('/v1/checkout/sessions/cs_test_nope/expire', '')).status).toBe(404);
    expect((await get('/v1/checkout/sessions/cs_test_nope')).body.error.code).toBe('resource_missing');
    expect(fake.events.at(-1)).toMatchObject({ type: 'checkout.session.expired', data: { object: { id: s.id, status: 'expired' } } });
  });

  it('plays the customer: completed, delayed payment, refund — listed newest first by GET /v1/events', async () => {
    const paid = (await post('/v1/checkout/sessions', sessionForm())).body;
    const delayed = (await post('/v1/checkout/sessions', sessionForm())).body;
    const completed = fake.completeSession(paid.id, 'paid');
    expect(completed).toMatchObject({ object: 'event', type: 'checkout.session.completed', data: { object: { status: 'complete', payment_status: 'paid' } } });
    expect(objectOf(completed).payment_intent).toMatch(/^pi_test_/);
    fake.completeSession(delayed.id, 'unpaid');
    fake.settleAsyncPayment(delayed.id, 'failed');
    const refund = fake.refund(paid.id, 10_000);
    const charge = objectOf(refund);
    expect(charge).toMatchObject({
      object: 'charge', amount: 45_000, amount_refunded: 10_000, refunded: false, currency: 'nok',
      payment_intent: objectOf(completed).payment_intent, metadata: { clinic_id: 'c-1' },
    });
    // At the pinned API version a charge does not carry its refunds: they have their own events.
    expect(charge.refunds).toBeUndefined();
    expect(fake.refundsOf(paid.id)).toHaveLength(1);
    expect(() => fake.refund(paid.id, 40_000)).toThrow();

    const list = await get('/v1/events?limit=4');
    expect(list.body.data.map((e) => e.type)).toEqual(['charge.refunded', 'refund.created', 'checkout.session.async_payment_failed', 'checkout.session.completed']);
    expect(list.body.has_more).toBe(true);
    const next = await get(`/v1/events?limit=100&starting_after=${String(list.body.data[3]!.id)}`);
    expect(next.body.data.length).toBe(fake.events.length - 4);
    const typed = await get('/v1/events?types[]=checkout.session.completed&limit=100');
    expect(typed.body.data.every((e) => e.type === 'checkout.session.completed')).toBe(true);
    // As the pinned SDK sends a list (types[0]=…&types[1]=…): only those types.
    const sdk = new Stripe(FAKE_SECRET_KEY, { ...fake.stripeOptions, maxNetworkRetries: 0, telemetry: false });
    const bySdk = await sdk.events.list({ limit: 100, types: ['charge.refunded', 'checkout.session.async_payment_failed'] });
    expect(bySdk.data.map((e) => e.type).sort()).toEqual(['charge.refunded', 'checkout.session.async_payment_failed']);
    expect(fake.requests.at(-1)!.url).toMatch(/types%5B0%5D=|types\[0\]=/);
    expect((await get('/v1/events?colour=red')).body.error.code).toBe('parameter_unknown');
    expect((await get('/v1/events?limit=0')).status).toBe(400);
  });

  it('refunds a payment intent through POST /v1/refunds as the SDK sends it, with Stripe\'s refusals, and fails or cancels refunds later', async () => {
    const sdk = new Stripe(FAKE_SECRET_KEY, { ...fake.stripeOptions, maxNetworkRetries: 0, telemetry: false });
    const cs = (await post('/v1/checkout/sessions', sessionForm())).body;
    const pi = String(objectOf(fake.completeSession(cs.id, 'paid')).payment_intent);
    const from = fake.events.length;
    const refund = await sdk.refunds.create({ payment_intent: pi, amount: 15_000, metadata: { clinic_id: 'c-1', refund_of: 'client_credit' } }, { idempotencyKey: 'op-1_refund' });
    // Every field the pinned SDK's Refund type declares, as Stripe's example has them.
    expect(Object.keys(refund).sort()).toEqual(expect.arrayContaining(requiredFields('Refunds.d.ts', 'Refund')));
    expect(refund).toMatchObject({ object: 'refund', amount: 15_000, currency: 'nok', payment_intent: pi, status: 'succeeded', metadata: { refund_of: 'client_credit' } });
    expect(refund.id).toMatch(/^re_test_[A-Za-z0-9]{24}$/);
    // The same key and body: the same refund, not a second one.
    const again = await sdk.refunds.create({ payment_intent: pi, amount: 15_000, metadata: { clinic_id: 'c-1', refund_of: 'client_credit' } }, { idempotencyKey: 'op-1_refund' });
    expect(again.id).toBe(refund.id);
    expect(fake.refundsOf(cs.id)).toHaveLength(1);
    expect(fake.events.slice(from).map((e) => e.type)).toEqual(['refund.created', 'charge.refunded']);
    await expect(sdk.refunds.create({ payment_intent: pi, amount: 40_000 }, { idempotencyKey: 'op-2' })).rejects.toMatchObject({ code: 'amount_too_large' });
    await expect(sdk.refunds.create({ payment_intent: 'pi_nope', amount: 100 }, { idempotencyKey: 'op-3' })).rejects.toMatchObject({ code: 'resource_missing' });
    fake.failRefund(refund.id);
    expect(fake.events.slice(-3).map((e) => [e.type, objectOf(e).status])).toEqual([['refund.failed', 'failed'], ['refund.updated', 'failed'], ['charge.refund.updated', 'failed']]);
    // The failed refund's money is back: the whole payment can be refunded again.
    const whole = await sdk.refunds.create({ payment_intent: pi }, { idempotencyKey: 'op-4' });
    expect(whole.amount).toBe(45_000);
    expect(() => fake.cancelRefund(whole.id)).toThrow(/succeeded/);
    const listed = await sdk.refunds.list({ payment_intent: pi, limit: 10 });
    expect(listed.data.map((r) => [r.amount, r.status])).toEqual([[45_000, 'succeeded'], [15_000, 'failed']]);
  });

  it('signs webhook deliveries so that the Stripe SDK verifies them, and only with the right secret', () => {
    const s = fake.events.at(-1)!;
    const d = fake.signedDelivery(s);
    const event = Stripe.webhooks.constructEvent(d.payload, d.headers['stripe-signature']!, FAKE_WEBHOOK_SECRET, 300, undefined, NOW.getTime());
    expect(event.id).toBe(s.id);
    expect(() => Stripe.webhooks.constructEvent(d.payload, d.headers['stripe-signature']!, 'whsec_other', 300, undefined, NOW.getTime())).toThrow();
  });

  it('delivers each event to the configured webhook endpoint as it happens, signed with its secret', async () => {
    const received: Stripe.Event[] = [];
    const endpoint = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), 'whsec_endpoint', 300, undefined, NOW.getTime()));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhooks/stripe`;
    const pushing = await startStripeFake({ now: () => NOW, webhook: { url, secret: 'whsec_endpoint' } });
    try {
      const created = await fetch(`${pushing.url}/v1/checkout/sessions`, {
        method: 'POST', body: sessionForm(),
        headers: { authorization: `Bearer ${FAKE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'push-1' },
      });
      const sessionId = ((await created.json()) as Answer).id;
      pushing.completeSession(sessionId);
      pushing.refund(sessionId);
    } finally {
      await pushing.stop();
      await new Promise<void>((resolve) => endpoint.close(() => resolve()));
    }
    expect(received.map((e) => e.type)).toEqual(['checkout.session.completed', 'refund.created', 'charge.refunded']);
    expect(pushing.deliveries).toEqual(pushing.events.map((e) => ({ eventId: e.id, type: e.type, status: 200 })));
  });

  it('records every request it received', () => {
    expect(fake.requests.length).toBeGreaterThan(20);
    const created = fake.requests.find((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions' && r.status === 200)!;
    expect(created.params).toMatchObject({ mode: 'payment', line_items: [{ quantity: '1' }] });
  });
});

describe("Stripe's form encoding", () => {
  it('nests brackets into objects and lists', () => {
    expect(parseStripeForm('a[b][0][c]=1&a[b][1][c]=2&expand[]=x&expand[]=y&d=z')).toEqual({
      ok: true, params: { a: { b: [{ c: '1' }, { c: '2' }] }, expand: ['x', 'y'], d: 'z' },
    });
  });

  it('refuses malformed keys, holes in lists and a value that is also an object', () => {
    expect(parseStripeForm('a[b=1').ok).toBe(false);
    expect(parseStripeForm('a[0]=1&a[2]=2').ok).toBe(false);
    expect(parseStripeForm('a=1&a[b]=2').ok).toBe(false);
    expect(parseStripeForm('a=1&a=2').ok).toBe(false);
  });
});

/** The fields the pinned stripe SDK's Checkout `Session` interface declares without `?`. */
function requiredSessionFields(): string[] {
  return requiredFields('Checkout/Sessions.d.ts', 'Session', 40);
}

/** The fields an interface of the pinned stripe SDK declares without `?`. */
function requiredFields(file: string, name: string, atLeast = 10): string[] {
  const types = readFileSync(new URL(`../../../node_modules/stripe/cjs/resources/${file}`, import.meta.url), 'utf8').split('\n');
  const start = types.findIndex((l) => l.startsWith(`export interface ${name} {`));
  const fields: string[] = [];
  for (const line of types.slice(start + 1)) {
    if (line.startsWith('}')) break;
    const m = /^ {4}([a-z_]+): /.exec(line);
    if (m) fields.push(m[1]!);
  }
  if (fields.length < atLeast) throw new Error(`read only ${fields.length} fields of the SDK's ${name} type`);
  return fields;
}
