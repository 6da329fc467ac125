import fs from 'node:fs';
import Stripe from 'stripe';
import os from 'node:os';
import path from 'node:path';
import { refundReversalIdFor } from '../../../shared/domain/refund-facts.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { createPaymentRequest, resendPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import { setPaymentProvider } from '../../../shared/db/payment-settings-commands.js';
import { moneyFact } from '../../../shared/domain/payment-rules.js';
import { SERVER_DESK } from '../../../shared/domain/actor.js';
import { FAKE_SECRET_KEY, startStripeFake, type StripeFake } from '../../../server/test-support/stripe-fake/stripe-fake.js';
import { recordingTransport, type RecordingTransport } from '../test-support/recording-transport.js';
import { createPaymentService, type PaymentService } from './payment-service.js';

let db: ClinicDatabase;
let admin: string;
let invoiceId: string;
let fake: StripeFake;
let service: PaymentService;
let emails: RecordingTransport['emails'];
let notices: RecordingTransport['notices'];
const NOW = new Date('2026-11-21T10:00:00.000Z');

beforeEach(async () => {
  const clinic = await openTestClinic('payment-service');
  ({ db, admin } = clinic);
  const client = await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-11-21', { actor: admin, desk: TEST_DESK, now: NOW.toISOString() });
  invoiceId = (await createBooking(db, { clientId: client.id, serviceId: clinic.serviceId, practitionerId: admin, start: '2026-11-21T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW.toISOString() })).invoice!.id;
  fake = await startStripeFake({ now: () => NOW });
  const transport = recordingTransport();
  ({ emails, notices } = transport);
  service = createPaymentService({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
    secrets: () => ({ stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' }), stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, transport,
  });
  await service.start();
});

afterEach(async () => {
  await service.close();
  await fake.stop();
  await db.close();
});

describe('the payment service', () => {
  it('sends links through Stripe once the clinic switches to it with a stored key — the same path as the sandbox', async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await expect(setPaymentProvider(db, 'stripe', false, ctx)).rejects.toThrow("Enter the clinic's Stripe secret key first, then switch to Stripe.");
    await setPaymentProvider(db, 'stripe', true, ctx);
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ notifyClinicOnPayment: true, supportEmail: 'post@fjordside.no' });
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    expect(await service.handlers['payments.sendDue']()).toMatchObject({ sent: 1 });
    const stored = (await db.paymentrequests.findOne(request.id).exec())!;
    expect(stored.providerRef).toMatch(/^cs_/);
    const created = fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toContain('line_items[0][price_data][unit_amount]=30000');
    expect(created[0]!.body).toContain(`metadata[payment_request_id]=${request.id}`);
    // A Norwegian client (the clinic's language, nb-NO): Checkout opens in bokmål.
    expect(created[0]!.params!.locale).toBe('nb');
    expect(emails[0]!.facts.link).toBe(stored.linkUrl);

    // The client pays; a standalone desk learns it by asking Stripe for its events.
    fake.completeSession(stored.providerRef, 'paid');
    await service.handlers['payments.sendDue']();
    await service.handlers['payments.sendDue']();
    expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid');
    const payments = await db.payments.find({ selector: { method: 'payment_link' } }).exec();
    expect(payments.map((p) => p.amountMinor)).toEqual([30_000]);
    expect(fake.requests.some((r) => r.method === 'GET' && r.url.startsWith('/v1/events'))).toBe(true);
    // The clinic asked to be told: once, with client, invoice and amount only.
    expect(notices).toHaveLength(1);
    // In the clinic's language (bokmål: the clinic is nb-NO).
    expect(notices[0]).toMatchObject({ to: 'post@fjordside.no', subject: expect.stringMatching(/300,00\skr, faktura 1$/), text: expect.stringMatching(/^Ingrid Berg .*300,00\skr .*faktura 1/) });
    expect(notices[0]!.text).not.toMatch(/Consultation|Astrid/);
  });

  it("on a standalone desk, records each refund made in Stripe by its own id, though charges no longer list them", async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    await service.close();
    // As Stripe at the pinned API version: a charge.refunded event carries no refunds list.
    const bare = await startStripeFake({ now: () => NOW });
    try {
      service = createPaymentService({
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
        secrets: () => ({ stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' }), stripeOptions: { ...bare.stripeOptions, maxNetworkRetries: 0 }, transport: recordingTransport(),
      });
      await service.start();
      const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
      await service.handlers['payments.sendDue']();
      const sessionId = (await db.paymentrequests.findOne(request.id).exec())!.providerRef;
      bare.completeSession(sessionId, 'paid');
      bare.refund(sessionId, 10_000);
      bare.refund(sessionId, 5_000);
      await service.handlers['payments.sendDue']();
      await service.handlers['payments.sendDue']();
      const refunds = (await db.payments.find({ selector: { kind: 'refund' } }).exec()).map((p) => p.toJSON());
      expect(refunds.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([5_000, 10_000]);
      expect(refunds.every((r) => /^refund-re_test_/.test(r.id))).toBe(true);
      // A charge.refunded without its list makes the poller ask Stripe (its refund.created events say the same, by id).
      expect(bare.requests.some((r) => r.method === 'GET' && r.url.startsWith('/v1/refunds'))).toBe(true);
      // The 10 000 refund fails at the bank: a new fact puts the money back; the refund stays.
      const failing = bare.refundsOf(sessionId).find((r) => r.amount === 10_000)!;
      bare.failRefund(String(failing.id));
      await service.handlers['payments.sendDue']();
      const back = (await db.payments.findOne(refundReversalIdFor(String(failing.id))).exec())?.toJSON();
      expect(back).toMatchObject({ kind: 'payment', method: 'payment_link', amountMinor: 10_000, externalRef: failing.id });
      expect(await db.payments.count({ selector: { kind: 'refund' } }).exec()).toBe(2);
      const log = await db.activity.find({ selector: { action: 'link.refundReversed' } }).exec();
      expect(log).toHaveLength(1);
    } finally {
      await bare.stop();
    }
  });

  it('on a standalone desk, asks Stripe every few seconds while a link is open, without waiting for the minute tick', async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    await service.close();
    service = createPaymentService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, now: () => NOW, log: () => undefined,
      // The minute cron stays at its default; only the open-link timer is short here.
      openLinkPollMs: 50, secrets: () => ({ stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' }), stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 },
      transport: recordingTransport(),
    });
    await service.start();
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    const eventsAsked = () => fake.requests.filter((r) => r.url.startsWith('/v1/events')).length;
    const before = eventsAsked();
    fake.completeSession((await db.paymentrequests.findOne(request.id).exec())!.providerRef, 'paid');
    await vi.waitFor(async () => expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid'), { timeout: 3_000, interval: 20 });
    expect(eventsAsked()).toBeGreaterThan(before);
    // Nothing open any more: it stops asking.
    await new Promise((r) => setTimeout(r, 200));
    const settled = eventsAsked();
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsAsked()).toBe(settled);
  });

  it.each([
    ['without the Stripe key', {}],
    // Never its own address instead: on the client's phone that is the phone itself (decision 0026).
    ['with the key but no page for clients after paying', { stripeSecretKey: FAKE_SECRET_KEY }],
    ['with the key and a page only the clinic\'s network reaches', { stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://192.168.1.20/takk' }],
  ])('on a desk %s, sends nothing once the clinic uses Stripe: no sandbox link, no message, no notice', async (_case, secrets) => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    // Another desk holds the key and switched the clinic to Stripe; this one has no key.
    await setPaymentProvider(db, 'stripe', true, ctx);
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ notifyClinicOnPayment: true, supportEmail: 'post@fjordside.no' });
    await service.close();
    const transport = recordingTransport();
    service = createPaymentService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
      secrets: () => secrets, stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, transport,
    });
    await service.start();
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    // A link payment the sync server applied from Stripe's webhook, replicated here: its notice is another desk's too.
    await db.payments.insert(moneyFact({
      id: 'pay-link-1', kind: 'payment', invoiceId, clientId: request.clientId, method: 'payment_link', amountMinor: 30_000, currency: 'NOK',
      at: NOW.toISOString(), recordedBy: 'system', recordedOn: SERVER_DESK, externalRef: 'pi_test_1',
    }));
    expect(await service.handlers['payments.sendDue']()).toMatchObject({ sent: 0, failed: 0 });
    const stored = (await db.paymentrequests.findOne(request.id).exec())!;
    expect(stored.status).toBe('scheduled');
    expect(stored.linkUrl).toBe('');
    // No Checkout Session made (a desk with the key may still read Stripe's events).
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(transport.emails).toHaveLength(0);
    expect(transport.notices).toHaveLength(0);
  });

  it("logs a minute tick that fails because the desk window went away, and keeps main's process running", async () => {
    await service.close();
    const lines: string[] = [];
    const gone = () => Promise.reject(new Error('The desk window is not connected.'));
    const disconnected = { settings: { findOne: () => ({ exec: gone }) }, paymentrequests: { findOne: () => ({ exec: gone }) } } as unknown as ClinicDatabase;
    service = createPaymentService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => disconnected, sandboxPort: 0, deskId: TEST_DESK, now: () => NOW,
      cronExpression: '* * * * * *', openLinkPollMs: 60_000, log: (line) => lines.push(line), transport: recordingTransport(),
    });
    await service.start();
    // The tick at start and the cron's ticks each fail and are logged; none is left unhandled (Vitest fails the run on one).
    await vi.waitFor(() => expect(lines.filter((l) => l.includes('The desk window is not connected.')).length).toBeGreaterThanOrEqual(2), { timeout: 4_000, interval: 50 });
  });

  it('uses the sandbox while the clinic has not switched', async () => {
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() });
    await service.handlers['payments.sendDue']();
    expect((await db.paymentrequests.findOne(request.id).exec())!.linkUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/sbx_/);
    expect(fake.requests).toHaveLength(0);
  });

  it('retires the replaced link before the new one goes: the old page takes nothing and says it was replaced', async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    const first = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    const oldUrl = (await db.paymentrequests.findOne(first.id).exec())!.linkUrl;
    await resendPaymentRequest(db, first.id, ctx);
    await service.handlers['payments.sendDue']();
    // The client opens the first email and pays: nothing is taken.
    // The clinic is Norwegian and so is its client: the page speaks bokmål.
    const page = await (await fetch(`${oldUrl}/pay`, { method: 'POST' })).text();
    expect(page).toContain('<html lang="nb">');
    expect(page).toContain('Denne lenken er erstattet');
    expect(await db.payments.find().exec()).toHaveLength(0);
    const live = (await db.paymentrequests.find({ selector: { status: 'sent' } }).exec()).map((r) => r.linkUrl);
    expect(live).toHaveLength(1);
    expect(await (await fetch(`${live[0]!}/pay`, { method: 'POST' })).text()).toContain('<h1>Takk</h1>');
  });

  it("opens the pay page and Checkout in the client's own language", async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    const invoice = (await db.invoices.findOne(invoiceId).exec())!;
    await (await db.clients.findOne(invoice.clientId).exec())!.incrementalPatch({ language: 'en' });
    const sandboxed = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    const page = await (await fetch((await db.paymentrequests.findOne(sandboxed.id).exec())!.linkUrl)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('>Pay now</button>');
    // English words, the clinic's Norwegian formats.
    expect(page).toMatch(/100,00\skr/);
    expect(await (await fetch(`${(await db.paymentrequests.findOne(sandboxed.id).exec())!.linkUrl}/pay`, { method: 'POST' })).text()).toContain('<h1>Thank you</h1>');

    await setPaymentProvider(db, 'stripe', true, ctx);
    await createPaymentRequest(db, invoiceId, { amount: '200', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    const created = fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
    expect(created.map((r) => r.params!.locale)).toEqual(['en']);
  });

  it('at Stripe, expires the replaced session first, and holds the new link while Stripe cannot be reached', async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    const first = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    const oldSession = (await db.paymentrequests.findOne(first.id).exec())!.providerRef;
    const second = await resendPaymentRequest(db, first.id, ctx);
    await service.handlers['payments.sendDue']();
    const posts = fake.requests.filter((r) => r.method === 'POST').map((r) => r.url);
    const expired = posts.indexOf(`/v1/checkout/sessions/${oldSession}/expire`);
    expect(expired).toBeGreaterThan(0);
    expect(posts.lastIndexOf('/v1/checkout/sessions')).toBeGreaterThan(expired);
    expect((await db.paymentrequests.findOne(second.id).exec())!.status).toBe('sent');

    // Stripe out of reach: the next replacement waits, so the client never holds two live links.
    const third = await resendPaymentRequest(db, second.id, ctx);
    await fake.stop();
    await service.handlers['payments.sendDue']();
    // It stays scheduled and its asker's; the invoice's log says why.
    expect((await db.paymentrequests.findOne(third.id).exec())!).toMatchObject({ status: 'scheduled', updatedBy: admin, problem: '' });
    await service.handlers['payments.sendDue']();
    const waiting = await db.activity.find({ selector: { action: 'link.waiting' } }).exec();
    // Each reason once, however many passes it waited.
    expect(waiting.map((e) => e.summary).sort()).toEqual([
      'The payment link could not be created: Stripe could not be reached while creating the payment link.',
      'Waiting for the payment provider to retire the link this one replaces, so the client cannot pay both.',
    ]);
    expect(emails).toHaveLength(2);
  });

  it("on a standalone desk's first poll, applies every event Stripe still lists, not just the newest hundred", async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    await service.handlers['payments.sendDue']();
    await service.close();
    // Paid while no desk asked; then 120 other sessions of the clinic's Stripe account lapse.
    fake.completeSession((await db.paymentrequests.findOne(request.id).exec())!.providerRef, 'paid');
    const stripe = new Stripe(FAKE_SECRET_KEY, { ...fake.stripeOptions, maxNetworkRetries: 0, telemetry: false });
    for (let i = 0; i < 120; i++) {
      const other = await stripe.checkout.sessions.create({
        mode: 'payment', line_items: [{ price_data: { currency: 'nok', unit_amount: 1_000, product_data: { name: 'Invoice' } }, quantity: 1 }],
        expires_at: Math.floor(NOW.getTime() / 1000) + 3600, metadata: { clinic_id: 'c-other', invoice_id: `inv-${i}`, payment_request_id: `pr-${i}` },
        payment_intent_data: { metadata: { clinic_id: 'c-other', invoice_id: `inv-${i}`, payment_request_id: `pr-${i}` } }, success_url: 'https://www.fjordside.no/takk',
      }, { idempotencyKey: `other-${i}` });
      fake.expireSession(other.id);
    }
    // A desk that has never polled (a fresh data folder: no cursor).
    service = createPaymentService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
      secrets: () => ({ stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' }), stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, transport: recordingTransport(),
    });
    await service.start();
    await service.handlers['payments.sendDue']();
    expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid');
    expect((await db.payments.find({ selector: { kind: 'payment' } }).exec()).map((p) => p.amountMinor)).toEqual([30_000]);
  });

  it('a desk away longer than Stripe keeps events asks for its open links\' sessions instead, and goes on from the newest event', async () => {
    const ctx = { actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'payment-service-'));
    const make = () => createPaymentService({
      dataDir, database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
      secrets: () => ({ stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' }), stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, transport: recordingTransport(),
    });
    await service.close();
    service = make();
    await service.start();
    await service.handlers['payments.sendDue']();
    await service.close();
    // Weeks later: the last event this desk saw is no longer listed by Stripe; the client paid meanwhile.
    fs.writeFileSync(path.join(dataDir, 'stripe-events-cursor.json'), JSON.stringify({ last: 'evt_test_long_gone' }));
    fake.completeSession((await db.paymentrequests.findOne(request.id).exec())!.providerRef, 'paid');
    service = make();
    await service.start();
    await service.handlers['payments.sendDue']();
    expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid');
    expect((await db.payments.find({ selector: { kind: 'payment' } }).exec()).map((p) => p.amountMinor)).toEqual([30_000]);
    // It goes on from Stripe's newest event.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'stripe-events-cursor.json'), 'utf8')).last).toBe(fake.events.at(-1)!.id);
  });
});
