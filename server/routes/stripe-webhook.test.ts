/**
 * POST /webhooks/stripe against the local Stripe, on PGlite and PostgreSQL: signatures,
 * the documents written, dedupe, unmatched events, any delivery order — and 500 events
 * delivered 1–3 times each in shuffled order ending exactly where one in-order delivery ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { ROUTES, type DeviceCredentials, type WireDocument } from '../../shared/sync/protocol.js';
import { seededRandom } from '../../shared/domain/seeded-random.js';
import { paymentIdFor } from '../../shared/domain/payment-link-events.js';
import { isRefundReversal, refundFacts, refundIdFor, refundReversalIdFor } from '../../shared/domain/refund-facts.js';
import { refundSeenOf } from '../../shared/domain/stripe-events.js';
import { SERVER_DESK } from '../../shared/domain/actor.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { clientDoc, draftInvoice, staffDoc } from '../test-support/docs.js';
import { ADMIN_SECRET, call, insert, pullAll, testServer, type Desk } from '../test-support/harness.js';
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, startStripeFake, type StripeFake } from '../test-support/stripe-fake/stripe-fake.js';
import type { Json } from '../test-support/stripe-fake/fixtures.js';
import { STRIPE_WEBHOOK_ROUTE } from './stripe-webhook.js';

const AT = '2026-03-02T09:00:00.000Z';
const ADMIN = 'st-admin';
const DESK = 'desk-1';

function requestDoc(id: string, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id, _deleted: false, invoiceId: `inv-${id}`, clientId: 'client-1', amountMinor: 45_000, currency: 'NOK', channels: ['email'],
    purpose: 'payment_link', status: 'sent', sendAt: AT, sentAt: AT, linkUrl: '', providerRef: '', expiresAt: '', feeMinor: 0,
    problem: '', createdAt: AT, updatedAt: AT, updatedBy: ADMIN, deskId: DESK, ...over,
  };
}

interface Server {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly desk: Desk;
  readonly clinicId: string;
}

describe.each(backends())('stripe webhooks on $name', (backend) => {
  let fake: StripeFake;
  let stripe: Stripe;
  const apps: FastifyInstance[] = [];
  let clinicCounter = 0;

  beforeAll(async () => {
    fake = await startStripeFake();
    stripe = new Stripe(FAKE_SECRET_KEY, { ...fake.stripeOptions, maxNetworkRetries: 0, telemetry: false });
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await fake?.stop();
    await backend.teardown();
  });

  /** A fresh server with one clinic (of the given id, so two servers can hold the same clinic). */
  async function server(clinicId = `c-${++clinicCounter}-${Date.now().toString(36)}`, secret: string | null = FAKE_WEBHOOK_SECRET): Promise<Server> {
    const store = await backend.freshStore();
    const app = testServer(store, secret === null ? {} : { stripeWebhookSecret: secret });
    apps.push(app);
    const res = await call<DeviceCredentials>(app, 'POST', ROUTES.clinics, {
      token: ADMIN_SECRET, body: { clinicId, clinicName: 'Fjordside Fysio', admin: staffDoc(ADMIN, 'Astrid Admin', ['admin'], { updatedBy: ADMIN, deskId: DESK }), deviceName: 'Front desk', deskId: DESK },
    });
    if (res.status !== 201) throw new Error(`clinic: ${res.status} ${JSON.stringify(res.body)}`);
    const desk: Desk = { clinicId, deviceId: res.body.deviceId, deskId: DESK, token: res.body.deviceToken, staffId: ADMIN };
    await insert(app, desk, 'clients', [clientDoc('client-1')]);
    return { store, app, desk, clinicId };
  }

  /** Payment requests pushed by the desk, after the invoices they name (the server checks references). */
  async function insertRequests(s: Server, requests: WireDocument[]): Promise<void> {
    await insert(s.app, s.desk, 'invoices', requests.map((r) => draftInvoice(String(r.invoiceId))));
    await insert(s.app, s.desk, 'paymentrequests', requests);
  }

  /** A Checkout Session for a request, as the desk's provider creates it. */
  async function session(clinicId: string, requestId: string, amountMinor = 45_000): Promise<Stripe.Checkout.Session> {
    const metadata = { clinic_id: clinicId, invoice_id: `inv-${requestId}`, payment_request_id: requestId };
    return stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'nok', unit_amount: amountMinor, product_data: { name: 'Invoice 12 — Fjordside Fysio' } }, quantity: 1 }],
      metadata, payment_intent_data: { metadata }, success_url: 'https://pay.example/done', cancel_url: 'https://pay.example/back',
    }, { idempotencyKey: `${clinicId}:${requestId}:${Math.random()}` });
  }

  /** A sent payment request with its link, pushed by the desk. */
  async function sentRequest(s: Server, requestId: string, amountMinor = 45_000): Promise<Stripe.Checkout.Session> {
    const cs = await session(s.clinicId, requestId, amountMinor);
    await insertRequests(s, [requestDoc(requestId, { amountMinor, providerRef: cs.id, linkUrl: cs.url! })]);
    return cs;
  }

  async function deliver(s: Server, event: Json, options: { secret?: string; at?: Date; signature?: string } = {}) {
    const d = fake.signedDelivery(event, options.secret ?? FAKE_WEBHOOK_SECRET, options.at);
    const headers = { ...d.headers, ...(options.signature !== undefined ? { 'stripe-signature': options.signature } : {}) };
    const res = await s.app.inject({ method: 'POST', url: STRIPE_WEBHOOK_ROUTE, headers, payload: d.payload });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  }

  const docs = async (s: Server, collection: string) =>
    (await s.store.query<{ id: string; data: Record<string, unknown> }>(
      'SELECT id, data FROM documents WHERE clinic_id = $1 AND collection = $2 ORDER BY id', [s.clinicId, collection],
    )).map((r): Record<string, unknown> & { id: string } => ({ ...r.data, id: r.id }));
  const requestOf = async (s: Server, id: string) => (await docs(s, 'paymentrequests')).find((d) => d.id === id)!;
  const footprint = async (s: Server) => ({
    documents: (await s.store.query('SELECT clinic_id, collection, id, seq FROM documents ORDER BY clinic_id, seq')),
    events: await s.store.query('SELECT * FROM stripe_events'),
    seq: await s.store.query('SELECT id, seq FROM clinics ORDER BY id'),
  });

  it('refuses a forged, stale or missing signature with 400 and writes nothing', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-forged');
    const event = fake.completeSession(cs.id, 'paid');
    const before = await footprint(s);
    expect((await deliver(s, event, { secret: 'whsec_not_the_endpoints' })).status).toBe(400);
    expect((await deliver(s, event, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(400);
    expect((await deliver(s, event, { signature: '' })).status).toBe(400);
    // A body changed after signing (here: the amount) does not verify either.
    const d = fake.signedDelivery(event);
    const tampered = await s.app.inject({ method: 'POST', url: STRIPE_WEBHOOK_ROUTE, headers: d.headers, payload: d.payload.replace('45000', '1') });
    expect(tampered.statusCode).toBe(400);
    expect(JSON.parse(tampered.body)).toMatchObject({ error: { code: 'bad_signature' } });
    expect(await footprint(s)).toEqual(before);
    // The genuine delivery is taken.
    expect((await deliver(s, event)).status).toBe(200);
  });

  it('answers 503 and records nothing when the server has no signing secret', async () => {
    const s = await server(undefined, null);
    const cs = await sentRequest(s, 'pr-nosecret');
    const before = await footprint(s);
    const res = await deliver(s, fake.completeSession(cs.id, 'paid'));
    expect(res.status).toBe(503);
    expect(await footprint(s)).toEqual(before);
  });

  it('records a paid link as a payment from the request, marks the request paid, and desks pull both', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-paid');
    const event = fake.completeSession(cs.id, 'paid');
    const paymentIntent = String((event.data as { object: Json }).object.payment_intent);
    const res = await deliver(s, event);
    expect(res).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });

    const payments = await pullAll(s.app, s.desk, 'payments');
    expect(payments).toEqual([{
      id: paymentIdFor(paymentIntent), _deleted: false, kind: 'payment', invoiceId: 'inv-pr-paid', clientId: 'client-1', method: 'payment_link',
      amountMinor: 45_000, currency: 'NOK', at: new Date(Number(event.created) * 1000).toISOString(), recordedBy: 'system', recordedOn: SERVER_DESK, tenderedMinor: 0,
      externalRef: paymentIntent,
    }]);
    const [request] = await pullAll(s.app, s.desk, 'paymentrequests');
    expect(request).toMatchObject({ id: 'pr-paid', status: 'paid', problem: '', updatedBy: 'system', deskId: SERVER_DESK });

    // The same event again: acknowledged, nothing new, no seq used.
    const seq = await s.store.query('SELECT seq FROM clinics WHERE id = $1', [s.clinicId]);
    expect((await deliver(s, event)).body).toEqual({ received: true, outcome: 'duplicate' });
    expect(await s.store.query('SELECT seq FROM clinics WHERE id = $1', [s.clinicId])).toEqual(seq);
    expect(await pullAll(s.app, s.desk, 'payments')).toHaveLength(1);
  });

  it('gives the same result when the async success arrives before the completed event', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-async');
    const completed = fake.completeSession(cs.id, 'unpaid');
    const succeeded = fake.settleAsyncPayment(cs.id, 'succeeded');
    await deliver(s, succeeded);
    expect((await requestOf(s, 'pr-async')).status).toBe('paid');
    await deliver(s, completed);
    expect((await requestOf(s, 'pr-async')).status).toBe('paid');
    expect(await docs(s, 'payments')).toHaveLength(1);

    const failing = await sentRequest(s, 'pr-async-fail');
    const c2 = fake.completeSession(failing.id, 'unpaid');
    const f2 = fake.settleAsyncPayment(failing.id, 'failed');
    await deliver(s, f2);
    await deliver(s, c2);
    expect(await requestOf(s, 'pr-async-fail')).toMatchObject({ status: 'sent', problem: expect.stringContaining('did not go through') });
  });

  it('marks processing, then expired only when not paid, and ignores the expiry of a replaced link', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-processing');
    await deliver(s, fake.completeSession(cs.id, 'unpaid'));
    expect((await requestOf(s, 'pr-processing')).status).toBe('processing');

    const lapsing = await sentRequest(s, 'pr-expired');
    await deliver(s, fake.expireSession(lapsing.id));
    expect((await requestOf(s, 'pr-expired')).status).toBe('expired');

    // The desk re-sent the link: the old session's expiry must not mark the new one expired.
    const old = await session(s.clinicId, 'pr-resent');
    const current = await session(s.clinicId, 'pr-resent');
    await insertRequests(s, [requestDoc('pr-resent', { providerRef: current.id })]);
    await deliver(s, fake.expireSession(old.id));
    expect((await requestOf(s, 'pr-resent')).status).toBe('sent');
  });

  it('acknowledges events for an unknown clinic or request, and applies a redelivery once the request is there', async () => {
    const s = await server();
    const stray = await session('c-not-here', 'pr-x');
    expect((await deliver(s, fake.completeSession(stray.id, 'paid'))).body).toEqual({ received: true, outcome: 'unmatched' });

    const early = await session(s.clinicId, 'pr-early');
    const event = fake.completeSession(early.id, 'paid');
    expect((await deliver(s, event)).body).toEqual({ received: true, outcome: 'unmatched' });
    expect(await docs(s, 'payments')).toEqual([]);
    await insertRequests(s, [requestDoc('pr-early', { providerRef: early.id })]);
    expect((await deliver(s, event)).body).toEqual({ received: true, outcome: 'applied' });
    expect(await docs(s, 'payments')).toHaveLength(1);
    expect((await deliver(s, event)).body).toEqual({ received: true, outcome: 'duplicate' });

    // Not ours at all: acknowledged and ignored.
    const other = { ...event, id: 'evt_other', type: 'customer.created', data: { object: { id: 'cus_1', object: 'customer' } } };
    expect((await deliver(s, other)).body).toEqual({ received: true, outcome: 'ignored' });
  });

  const eventsSince = (from: number) => fake.events.slice(from);
  const netRefunded = (payments: Record<string, unknown>[]) =>
    payments.reduce((sum, d) => sum + (d.kind === 'refund' ? Number(d.amountMinor) : isRefundReversal(d as never) ? -Number(d.amountMinor) : 0), 0);

  it('records each refund once by its id, from its refund event, whatever the order (the pinned API version)', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-refund');
    const paid = fake.completeSession(cs.id, 'paid');
    const from = fake.events.length;
    fake.refund(cs.id, 10_000);
    fake.refund(cs.id, 5_000);
    const refundEvents = eventsSince(from);
    // The charge no longer lists its refunds: each comes by its own refund.created.
    expect(refundEvents.map((e) => e.type)).toEqual(['refund.created', 'charge.refunded', 'refund.created', 'charge.refunded']);
    expect(((refundEvents[1]!.data as { object: Json }).object).refunds).toBeUndefined();
    for (const e of [...refundEvents].reverse()) await deliver(s, e);
    await deliver(s, paid);
    for (const e of refundEvents) await deliver(s, e);
    const refunds = (await docs(s, 'payments')).filter((d) => d.kind === 'refund');
    expect(refunds.map((r) => r.id).sort()).toEqual(fake.refundsOf(cs.id).map((r) => refundIdFor(String(r.id))).sort());
    expect(refunds.reduce((sum, r) => sum + Number(r.amountMinor), 0)).toBe(15_000);
    expect(refunds.every((r) => r.invoiceId === 'inv-pr-refund' && r.method === 'payment_link')).toBe(true);
    // Recorded as the system's, on the server (a payment at schema version 2 names its desk).
    for (const r of refunds) expect(r).toMatchObject({ recordedBy: 'system', recordedOn: SERVER_DESK });
    expect((await requestOf(s, 'pr-refund')).status).toBe('paid');
  });

  it('counts 100 + 50 refunded as 150 when a charge lists its refunds and their own events come too', async () => {
    const listing = await startStripeFake({ chargeRefundsList: true });
    try {
      const s = await server();
      const listingStripe = new Stripe(FAKE_SECRET_KEY, { ...listing.stripeOptions, maxNetworkRetries: 0, telemetry: false });
      const metadata = { clinic_id: s.clinicId, invoice_id: 'inv-pr-both', payment_request_id: 'pr-both' };
      const cs = await listingStripe.checkout.sessions.create({
        mode: 'payment', line_items: [{ price_data: { currency: 'nok', unit_amount: 45_000, product_data: { name: 'Invoice 12 — Fjordside Fysio' } }, quantity: 1 }],
        metadata, payment_intent_data: { metadata }, success_url: 'https://pay.example/done',
      }, { idempotencyKey: 'pr-both' });
      await insertRequests(s, [requestDoc('pr-both', { providerRef: cs.id })]);
      const paid = listing.completeSession(cs.id, 'paid');
      const from = listing.events.length;
      listing.refund(cs.id, 10_000);
      listing.refund(cs.id, 5_000);
      await deliver(s, paid);
      for (const e of listing.events.slice(from)) await deliver(s, e);
      const refunds = (await docs(s, 'payments')).filter((d) => d.kind === 'refund');
      expect(refunds).toHaveLength(2);
      expect(netRefunded(await docs(s, 'payments'))).toBe(15_000);
    } finally {
      await listing.stop();
    }
  });

  it('puts the money back with a new fact when a refund fails or is cancelled, and keeps the refund', async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-fails');
    await deliver(s, fake.completeSession(cs.id, 'paid'));
    const from = fake.events.length;
    fake.refund(cs.id, 20_000);
    const [failing] = fake.refundsOf(cs.id);
    fake.failRefund(String(failing!.id));
    fake.refund(cs.id, 3_000);
    for (const e of eventsSince(from)) await deliver(s, e);
    const payments = await docs(s, 'payments');
    expect(payments.find((d) => d.id === refundIdFor(String(failing!.id)))).toMatchObject({ kind: 'refund', amountMinor: 20_000 });
    expect(payments.find((d) => d.id === refundReversalIdFor(String(failing!.id)))).toMatchObject({ kind: 'payment', method: 'payment_link', amountMinor: 20_000, externalRef: failing!.id });
    expect(netRefunded(payments)).toBe(3_000);
    // A redelivery of the failure adds nothing.
    for (const e of eventsSince(from)) await deliver(s, e);
    expect(await docs(s, 'payments')).toHaveLength(payments.length);
    // A desk's Refund to card (it names no request; its metadata says it refunds credit): recorded on the credit.
    const ours = fake.events.length;
    fake.refund(cs.id, 1_000, { clinic_id: s.clinicId, invoice_id: 'inv-pr-fails', refund_of: 'client_credit' });
    for (const e of fake.events.slice(ours)) await deliver(s, e);
    const [made] = fake.refundsOf(cs.id);
    expect((await docs(s, 'payments')).find((d) => d.id === refundIdFor(String(made!.id)))).toMatchObject({ kind: 'refund', invoiceId: '', amountMinor: 1_000 });
  });

  it("takes an enrolled desk's Refund to card as it recorded it from Stripe's answer, and the webhook adds nothing", async () => {
    const s = await server();
    const cs = await sentRequest(s, 'pr-card');
    await deliver(s, fake.completeSession(cs.id, 'paid'));
    const from = fake.events.length;
    fake.refund(cs.id, 2_000, { clinic_id: s.clinicId, invoice_id: 'inv-pr-card', refund_of: 'client_credit' });
    const [made] = fake.refundsOf(cs.id);
    // The desk records the answer by the shared rule (what applyRefund writes), and pushes it first.
    const seen = refundSeenOf(made, Math.floor(Date.parse(AT) / 1000))!;
    const [fact] = refundFacts(seen, { invoiceId: 'inv-pr-card', clientId: 'client-1', currency: 'NOK' }, DESK);
    await insert(s.app, s.desk, 'payments', [{ ...fact!, _deleted: false }]);
    for (const e of fake.events.slice(from)) expect((await deliver(s, e)).status).toBe(200);
    const refunds = (await docs(s, 'payments')).filter((d) => d.kind === 'refund');
    expect(refunds).toEqual([expect.objectContaining({ id: refundIdFor(String(made!.id)), invoiceId: '', amountMinor: 2_000, recordedOn: DESK })]);
  });

  it('ends the same after 500 events delivered 1–3 times each in shuffled order as after one in-order delivery', async () => {
    const clinicId = `c-shuffle-${backend.name}`;
    const inOrder = await server(clinicId);
    const shuffled = await server(clinicId);
    const random = seededRandom(20_260_302);
    const scenarios = ['paid', 'paid', 'paid_refund', 'paid_two_refunds', 'delayed_ok', 'delayed_fail', 'expired', 'delayed_ok_refund', 'open', 'paid_refund_fails'] as const;
    const firstEvent = fake.events.length;
    const requests: WireDocument[] = [];
    let n = 0;
    while (fake.events.length - firstEvent < 500) {
      const requestId = `pr-${++n}`;
      const amount = 1_000 + Math.floor(random() * 200) * 500;
      const cs = await session(clinicId, requestId, amount);
      requests.push(requestDoc(requestId, { amountMinor: amount, providerRef: cs.id, linkUrl: cs.url! }));
      const scenario = scenarios[Math.floor(random() * scenarios.length)]!;
      if (scenario === 'open') continue;
      if (scenario === 'expired') { fake.expireSession(cs.id); continue; }
      const delayed = scenario.startsWith('delayed');
      fake.completeSession(cs.id, delayed ? 'unpaid' : 'paid');
      if (delayed) fake.settleAsyncPayment(cs.id, scenario === 'delayed_fail' ? 'failed' : 'succeeded');
      if (scenario.endsWith('_refund') || scenario === 'paid_refund_fails') fake.refund(cs.id, Math.floor(amount / 2));
      if (scenario === 'paid_refund_fails') fake.failRefund(String(fake.refundsOf(cs.id)[0]!.id));
      if (scenario === 'paid_two_refunds') { fake.refund(cs.id, 500); fake.refund(cs.id, 500); }
    }
    const events = fake.events.slice(firstEvent, firstEvent + 500);
    for (const s of [inOrder, shuffled]) await insertRequests(s, requests);

    const urls: string[] = [];
    for (const s of [inOrder, shuffled]) {
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      urls.push(`http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}${STRIPE_WEBHOOK_ROUTE}`);
    }
    for (const e of events) expect(await fake.deliver(e, urls[0]!)).toBe(200);

    const deliveries: Json[] = [];
    for (const e of events) for (let i = 1 + Math.floor(random() * 3); i > 0; i--) deliveries.push(e);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    // Four at a time, as Stripe may deliver concurrently: the same event can be in flight twice.
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < deliveries.length) expect(await fake.deliver(deliveries[next++]!, urls[1]!)).toBe(200);
    }));

    const moneyOf = async (s: Server) => (await docs(s, 'payments')).map((d) => ({ id: d.id, kind: d.kind, method: d.method, amountMinor: d.amountMinor, invoiceId: d.invoiceId, at: d.at, externalRef: d.externalRef }));
    const statusesOf = async (s: Server) => (await docs(s, 'paymentrequests')).map((d) => ({ id: d.id, status: d.status, problem: d.problem }));
    const money = await moneyOf(inOrder);
    expect(await moneyOf(shuffled)).toEqual(money);
    expect(await statusesOf(shuffled)).toEqual(await statusesOf(inOrder));

    // And it is the money Stripe says moved: one payment per paid session, every refund once.
    const paidSessions = new Set<string>();
    const refundNow = new Map<string, Json>();
    for (const e of events) {
      const object = (e.data as { object: Json }).object;
      if (e.type === 'checkout.session.async_payment_succeeded' || (e.type === 'checkout.session.completed' && object.payment_status === 'paid')) paidSessions.add(String(object.id));
      // Each refund as its last event in the 500 has it.
      if (object.object === 'refund') refundNow.set(String(object.id), object);
    }
    const refundedMinor = [...refundNow.values()].filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((a, r) => a + Number(r.amount), 0);
    const payments = money.filter((m) => m.kind === 'payment' && !isRefundReversal(m as never));
    const refunds = money.filter((m) => m.kind === 'refund');
    expect(payments).toHaveLength(paidSessions.size);
    expect(netRefunded(money)).toBe(refundedMinor);
    const duplicates = payments.length - new Set(payments.map((p) => p.externalRef)).size;
    expect(duplicates).toBe(0);
    const seen = await shuffled.store.query<{ n: number }>('SELECT count(*)::int AS n FROM stripe_events');
    expect(seen[0]!.n).toBe(events.length);

    console.log(`webhooks: events=${events.length} deliveries=${deliveries.length} payments=${payments.length} duplicates=${duplicates} (refunds=${refunds.length} requests=${requests.length} on ${backend.name})`);
  }, 180_000);
});
