/**
 * One rule for payment link events, on the desk and on the sync server
 * (docs/decisions/0015-link-status-rule.md): the same Stripe events, in any order and any
 * number of times each, end in the same request status and problem and the same money on a
 * standalone desk (the poller's path: map, then the desk's applier, on an RxDB memory
 * database) and at the sync server (the signed webhook route, on PGlite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { completeInvoice } from '../../../shared/db/invoice-commands.js';
import { mapStripeEvent, type StripeEventLike } from '../../../shared/domain/stripe-events.js';
import { paidOnClosedNotice } from '../../../shared/domain/link-request-status.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { ROUTES, type DeviceCredentials, type WireDocument } from '../../../shared/sync/protocol.js';
import { openStore } from '../../../server/store/open-store.js';
import type { Store } from '../../../server/store/store.js';
import { ADMIN_SECRET, by, call, insert, testServer, type Desk } from '../../../server/test-support/harness.js';
import { clientDoc, draftInvoice, staffDoc } from '../../../server/test-support/docs.js';
import { STRIPE_WEBHOOK_ROUTE } from '../../../server/routes/stripe-webhook.js';
import { applyProviderEvent } from './apply-provider-event.js';
import { applyOnDesk } from './stripe-event-poller.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const CREATED = Math.floor(NOW.getTime() / 1000) - 60;
const SECRET = 'whsec_link_status_rule';
const CLINIC = 'c-link-rule';

let db: ClinicDatabase;
let invoiceId: string;
let clientId: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  const clinic = await openTestClinic('link-rule');
  db = clinic.db;
  const at = NOW.toISOString();
  clientId = (await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-03-02', { actor: clinic.admin, desk: TEST_DESK, now: at })).id;
  invoiceId = (await createBooking(db, { clientId, serviceId: clinic.serviceId, practitionerId: clinic.admin, start: '2026-03-02T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: clinic.admin, desk: TEST_DESK, now: at })).invoice!.id;
  await completeInvoice(db, invoiceId, { actor: clinic.admin, synced: false, desk: TEST_DESK, now: at });

  store = await openStore({ memory: true });
  app = testServer(store, { stripeWebhookSecret: SECRET, now: () => NOW });
  const res = await call<DeviceCredentials>(app, 'POST', ROUTES.clinics, {
    token: ADMIN_SECRET, body: { clinicId: CLINIC, clinicName: 'Fjordside Fysio', admin: staffDoc('st-admin', 'Astrid Admin', ['admin']), deviceName: 'Front desk', deskId: TEST_DESK },
  });
  if (res.status !== 201) throw new Error(`clinic: ${res.status}`);
  serverDesk = { clinicId: CLINIC, deviceId: res.body.deviceId, token: res.body.deviceToken, staffId: 'st-admin', deskId: TEST_DESK };
  await insert(app, serverDesk, 'clients', [clientDoc(clientId, by(serverDesk))]);
  // The requests name the invoice: the server takes them only once it holds it.
  await insert(app, serverDesk, 'invoices', [draftInvoice(invoiceId, { clientId, ...by(serverDesk) })]);
}, 60_000);
let serverDesk: Desk;

afterAll(async () => {
  await app?.close();
  await store?.close();
  await db?.close();
});

/** The Stripe events one Checkout Session (and an older one the request replaced) can give. */
type Kind = 'paid' | 'unpaid' | 'async_paid' | 'async_failed' | 'expired' | 'old_expired' | 'old_paid' | 'refund';
const KINDS: readonly Kind[] = ['paid', 'unpaid', 'async_paid', 'async_failed', 'expired', 'old_expired', 'old_paid', 'refund'];

/** A Stripe event as Stripe sends it, with references unique to one run (`tag`) so runs share the databases. */
function stripeEvent(kind: Kind, tag: string, requestId: string): StripeEventLike & { readonly object: string } {
  const metadata = { clinic_id: CLINIC, invoice_id: invoiceId, payment_request_id: requestId };
  const session = (id: string, type: string, over: Record<string, unknown>) => ({
    id: `evt_${tag}_${kind}`, object: 'event', type, created: CREATED,
    data: { object: { id, object: 'checkout.session', metadata, currency: 'nok', amount_total: 30_000, payment_intent: null, payment_status: 'unpaid', ...over } },
  });
  const current = `cs_${tag}`;
  switch (kind) {
    case 'paid': return session(current, 'checkout.session.completed', { payment_status: 'paid', payment_intent: `pi_${tag}` });
    case 'unpaid': return session(current, 'checkout.session.completed', { payment_intent: `pi_${tag}` });
    case 'async_paid': return session(current, 'checkout.session.async_payment_succeeded', { payment_status: 'paid', payment_intent: `pi_${tag}` });
    case 'async_failed': return session(current, 'checkout.session.async_payment_failed', { payment_intent: `pi_${tag}` });
    case 'expired': return session(current, 'checkout.session.expired', { status: 'expired' });
    case 'old_expired': return session(`cs_${tag}_old`, 'checkout.session.expired', { status: 'expired' });
    case 'old_paid': return session(`cs_${tag}_old`, 'checkout.session.completed', { payment_status: 'paid', payment_intent: `pi_${tag}_old`, amount_total: 12_000 });
    case 'refund': return {
      id: `evt_${tag}_${kind}`, object: 'event', type: 'charge.refunded', created: CREATED,
      data: { object: {
        id: `ch_${tag}`, object: 'charge', metadata, payment_intent: `pi_${tag}`, currency: 'nok', amount_refunded: 5_000,
        refunds: { object: 'list', has_more: false, data: [{ id: `re_${tag}`, object: 'refund', amount: 5_000, currency: 'nok', payment_intent: `pi_${tag}`, charge: `ch_${tag}`, status: 'succeeded', created: CREATED }] },
      } },
    };
  }
}

function request(id: string, tag: string, status: PaymentRequestDoc['status']): PaymentRequestDoc {
  const at = NOW.toISOString();
  return {
    id, invoiceId, clientId, amountMinor: 30_000, currency: 'NOK', channels: ['email'], purpose: 'payment_link', status,
    sendAt: at, sentAt: status === 'scheduled' ? '' : at, linkUrl: '', providerRef: `cs_${tag}`, expiresAt: '', feeMinor: 0,
    problem: '', createdAt: at, updatedAt: at, updatedBy: 'st-admin', deskId: TEST_DESK,
  };
}

/** The desk: Stripe's events as a standalone desk's poller applies them. */
async function onDesk(tag: string, status: PaymentRequestDoc['status'], deliveries: readonly Kind[]) {
  const id = `pr-d-${tag}`;
  await db.paymentrequests.insert(request(id, tag, status));
  for (const kind of deliveries) {
    const event = stripeEvent(kind, tag, id);
    const mapped = mapStripeEvent(event);
    if (mapped.kind === 'ignore') throw new Error(mapped.reason);
    await applyOnDesk(event, {
      listRefunds: () => { throw new Error('these charges list their refunds'); },
      apply: async (e) => { await applyProviderEvent(db, e, NOW.toISOString(), TEST_DESK); },
    });
  }
  const stored = (await db.paymentrequests.findOne(id).exec())!;
  const payments = (await db.payments.find({ selector: { invoiceId } }).exec()).map((p) => p.toMutableJSON()).filter((p) => p.externalRef.includes(tag));
  return outcome(tag, stored, payments);
}

/** The sync server: the same events signed and posted to its webhook route. */
async function onServer(tag: string, status: PaymentRequestDoc['status'], deliveries: readonly Kind[]) {
  const id = `pr-s-${tag}`;
  await insert(app, serverDesk, 'paymentrequests', [{ ...request(id, tag, status), _deleted: false } as WireDocument]);
  for (const kind of deliveries) {
    const payload = JSON.stringify(stripeEvent(kind, tag, id));
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(NOW.getTime() / 1000) });
    const res = await app.inject({ method: 'POST', url: STRIPE_WEBHOOK_ROUTE, headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
    if (res.statusCode !== 200) throw new Error(`webhook: ${res.statusCode} ${res.body}`);
  }
  const rows = await store.query<{ collection: string; id: string; data: Record<string, unknown> }>(
    "SELECT collection, id, data FROM documents WHERE clinic_id = $1 AND collection IN ('paymentrequests', 'payments')", [CLINIC],
  );
  const stored = rows.find((r) => r.collection === 'paymentrequests' && r.id === id)!.data;
  const payments = rows.filter((r) => r.collection === 'payments' && String(r.data.externalRef).includes(tag)).map((r) => ({ ...r.data, id: r.id }));
  return outcome(tag, stored as { status: string; problem: string }, payments as Record<string, unknown>[]);
}

/** What must agree, with the run's tag taken out of the references. */
function outcome(tag: string, stored: { status: string; problem: string }, payments: readonly Record<string, unknown>[]) {
  const untag = (v: unknown) => String(v).replaceAll(tag, 'T');
  return {
    status: stored.status,
    problem: stored.problem,
    money: payments
      .map((p) => ({ id: untag(p.id), kind: p.kind, method: p.method, amountMinor: p.amountMinor, currency: p.currency, at: p.at, invoiceId: p.invoiceId, clientId: p.clientId, externalRef: untag(p.externalRef), recordedBy: p.recordedBy }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The events delivered: each at least once, some again, in an order given by `keys`. */
const deliveryOf = (set: readonly Kind[], repeats: readonly number[], keys: readonly number[]) =>
  [...set, ...repeats.filter(() => set.length > 0).map((i) => set[i % set.length]!)]
    .map((kind, i) => ({ kind, k: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.kind);

describe('payment link events on the desk and at the sync server', () => {
  let run = 0;
  it('end in the same status and the same money whatever the order and however often they arrive', async () => {
    const starts: PaymentRequestDoc['status'][] = ['sent', 'processing', 'paid', 'cancelled', 'superseded', 'expired', 'unknown', 'scheduled'];
    const order = fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 12 });
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...starts), fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 4 }),
      fc.array(fc.nat(), { maxLength: 4 }), order, fc.array(fc.nat(), { maxLength: 4 }), order,
      async (status, set, repeatsA, keysA, repeatsB, keysB) => {
        run++;
        const a = deliveryOf(set, repeatsA, keysA);
        const b = deliveryOf(set, repeatsB, keysB);
        const [deskA, deskB, serverA, serverB] = await Promise.all([
          onDesk(`r${run}a`, status, a), onDesk(`r${run}b`, status, b), onServer(`r${run}c`, status, a), onServer(`r${run}d`, status, b),
        ]);
        expect(deskB).toEqual(deskA);
        expect(serverA).toEqual(deskA);
        expect(serverB).toEqual(deskA);
        // Money is never lost: every paid session is one payment, every refund once.
        const paidSessions = (set.some((k) => k === 'paid' || k === 'async_paid') ? 1 : 0) + (set.includes('old_paid') ? 1 : 0);
        expect(deskA.money.filter((m) => m.kind === 'payment')).toHaveLength(paidSessions);
        // A refund is recorded with the payment it refunds (before it arrives, it waits for it).
        const refundedPaid = set.includes('refund') && set.some((k) => k === 'paid' || k === 'async_paid');
        expect(deskA.money.filter((m) => m.kind === 'refund')).toHaveLength(refundedPaid ? 1 : 0);
        // Money on a closed request leaves it closed, with the notice staff act on.
        if (['cancelled', 'superseded', 'expired'].includes(status)) {
          expect(deskA.status).toBe(status);
          if (paidSessions > 0) expect(paidOnClosedNotice(deskA as Pick<PaymentRequestDoc, 'status' | 'problem'>)).not.toBeNull();
        }
      },
    ), { numRuns: 200 });
  }, 240_000);

  it('agree on the cases the two sides used to disagree on', async () => {
    for (const [status, events, expected] of [
      ['cancelled', ['expired'], 'cancelled'],
      ['superseded', ['expired'], 'superseded'],
      ['sent', ['async_failed', 'unpaid'], 'sent'],
      ['cancelled', ['paid'], 'cancelled'],
    ] as const) {
      run++;
      const desk = await onDesk(`r${run}x`, status, events);
      const server = await onServer(`r${run}y`, status, events);
      expect(desk.status).toBe(expected);
      expect(server).toEqual(desk);
    }
  });
});
