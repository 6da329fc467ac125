/**
 * Refunds add up to what Stripe shows, on the desk and on the sync server
 * (docs/decisions/0029-refunds-by-refund-id.md; issue 12 point 4). Random refund histories
 * (shared/test-support/refund-cases.ts) — partial refunds, pending ones that succeed, fail
 * or are cancelled, succeeded ones that fail later, charges that list their refunds (an older
 * API version) or not (the pinned one) — are delivered with duplicates and in mixed orders:
 * on a standalone desk through the poller's path (applyOnDesk, Stripe's refunds list when a
 * charge does not carry it, the desk's appliers, an RxDB memory database); at the sync
 * server as signed webhooks on PGlite, refunds possibly before the payment they refund.
 * Every case must end at Stripe's refund total, with each refund once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { refundCase, shuffledDeliveries, type RefundCase } from '../../../shared/test-support/refund-cases.js';
import { refundSeenOf, type StripeEventLike } from '../../../shared/domain/stripe-events.js';
import { isRefundReversal, refundIdFor } from '../../../shared/domain/refund-facts.js';
import type { PaymentDoc, PaymentRequestDoc } from '../../../shared/schemas/index.js';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import { openStore } from '../../../server/store/open-store.js';
import type { Store } from '../../../server/store/store.js';
import { by, createClinic, insert, testServer, type Desk } from '../../../server/test-support/harness.js';
import { clientDoc, draftInvoice } from '../../../server/test-support/docs.js';
import { STRIPE_WEBHOOK_ROUTE } from '../../../server/routes/stripe-webhook.js';
import { applyProviderEvent } from './apply-provider-event.js';
import { applyOnDesk } from './stripe-event-poller.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const SECRET = 'whsec_refunds_add_up';
const CLINIC = 'c-refunds';
const INVOICE = 'inv-refunds';
const CLIENT = 'client-refunds';
const DESK_CASES = 60;
const SERVER_CASES = 40;

let db: ClinicDatabase;
let store: Store;
let app: FastifyInstance;
let serverDesk: Desk;

beforeAll(async () => {
  db = (await openTestClinic('refunds')).db;
  store = await openStore({ memory: true });
  app = testServer(store, { stripeWebhookSecret: SECRET, now: () => NOW });
  serverDesk = (await createClinic(app, 'Fjordside Fysio', { clinicId: CLINIC, adminId: 'st-admin', deskId: TEST_DESK })).desk;
  await insert(app, serverDesk, 'clients', [clientDoc(CLIENT, by(serverDesk))]);
  await insert(app, serverDesk, 'invoices', [draftInvoice(INVOICE, { clientId: CLIENT, ...by(serverDesk) })]);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await app?.close();
  await store?.close();
});

function request(c: RefundCase): PaymentRequestDoc {
  const at = NOW.toISOString();
  return {
    id: c.requestId, invoiceId: INVOICE, clientId: CLIENT, amountMinor: c.amountMinor, currency: 'NOK', channels: ['email'], purpose: 'payment_link', status: 'sent',
    sendAt: at, sentAt: at, linkUrl: '', providerRef: c.sessionId, expiresAt: '', feeMinor: 0, problem: '', createdAt: at, updatedAt: at, updatedBy: 'st-admin', deskId: TEST_DESK,
  };
}

/** Σ refunds − Σ refunds that came back, for one case's refunds; and each refund's fact count. */
function refundedOf(c: RefundCase, facts: readonly Pick<PaymentDoc, 'id' | 'kind' | 'method' | 'externalRef' | 'amountMinor'>[]) {
  const mine = facts.filter((f) => f.externalRef.startsWith(`re_test_rf`) && c.refundsNow.some((r) => r.id === f.externalRef));
  const net = mine.reduce((sum, f) => sum + (f.kind === 'refund' ? f.amountMinor : isRefundReversal(f) ? -f.amountMinor : 0), 0);
  const eachOnce = c.refundsNow.every((r) => mine.filter((f) => f.id === refundIdFor(String(r.id))).length === 1);
  return { net, eachOnce };
}

describe('refunds from Stripe add up to what Stripe shows', () => {
  it(`on a standalone desk: ${DESK_CASES} histories, duplicated and reordered`, async () => {
    let mismatches = 0;
    for (let seed = 1; seed <= DESK_CASES; seed++) {
      const c = refundCase(seed, 'standalone', true);
      await db.paymentrequests.insert(request(c));
      const deps = {
        // What GET /v1/refunds answers now: every refund in its current state.
        listRefunds: async (_charge: string, paymentRef: string, seenAt: number) =>
          c.refundsNow.map((r) => refundSeenOf(r, seenAt)).filter((r) => r !== null && r.paymentRef === paymentRef) as NonNullable<ReturnType<typeof refundSeenOf>>[],
        apply: async (event: Parameters<typeof applyProviderEvent>[1]) => { await applyProviderEvent(db, event, NOW.toISOString(), TEST_DESK); },
      };
      // Stripe lists a payment before its refunds; a crash between applying and the cursor repeats events.
      for (const e of [c.paymentEvent, c.paymentEvent, ...shuffledDeliveries(c.refundEvents, seed)]) await applyOnDesk(e as unknown as StripeEventLike, deps);
      const facts = (await db.payments.find({ selector: { invoiceId: { $in: [INVOICE, ''] } } }).exec()).map((d) => d.toMutableJSON());
      const got = refundedOf(c, facts);
      if (got.net !== c.expectedRefundedMinor || !got.eachOnce) {
        mismatches++;
        console.error(`${c.name}: recorded ${got.net}, Stripe shows ${c.expectedRefundedMinor}`);
      }
    }
    console.log(`refunds: cases=${DESK_CASES} mismatches=${mismatches} (desk)`);
    expect(mismatches).toBe(0);
  }, 120_000);

  it(`at the sync server: ${SERVER_CASES} histories as webhooks, duplicated and in any order`, async () => {
    let mismatches = 0;
    for (let seed = 1; seed <= SERVER_CASES; seed++) {
      const c = refundCase(seed, CLINIC);
      await insert(app, serverDesk, 'paymentrequests', [{ ...request(c), _deleted: false } as WireDocument]);
      // Refunds may arrive before the payment they refund: they wait for it. Every other case
      // delivers each event exactly once, so nothing is saved by a redelivery.
      for (const e of shuffledDeliveries([c.paymentEvent, ...c.refundEvents], seed, seed % 2 === 1 ? 1 : 3)) {
        const payload = JSON.stringify(e);
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(NOW.getTime() / 1000) });
        const res = await app.inject({ method: 'POST', url: STRIPE_WEBHOOK_ROUTE, headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
        expect(res.statusCode).toBe(200);
      }
      const rows = await store.query<{ id: string; data: PaymentDoc }>(`SELECT id, data FROM documents WHERE clinic_id = $1 AND collection = 'payments'`, [CLINIC]);
      const got = refundedOf(c, rows.map((r) => ({ ...r.data, id: r.id })));
      if (got.net !== c.expectedRefundedMinor || !got.eachOnce) {
        mismatches++;
        console.error(`${c.name}: recorded ${got.net}, Stripe shows ${c.expectedRefundedMinor}`);
      }
    }
    console.log(`refunds: cases=${SERVER_CASES} mismatches=${mismatches} (server, PGlite)`);
    expect(mismatches).toBe(0);
  }, 120_000);
});
