/**
 * Canary for docs/design.md invariant 7: a clinic whose invoice, booking, service and staff
 * documents name a diagnosis, a service and a practitioner sends a payment link, the client
 * pays, Stripe's webhook reaches the sync server — and not one request Stripe received
 * (nor one event it sent back) contains any of those words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { WireDocument } from '../../../shared/sync/protocol.js';
import { openStore } from '../../../server/store/open-store.js';
import type { Store } from '../../../server/store/store.js';
import { clientDoc, settingsDoc, staffDoc } from '../../../server/test-support/docs.js';
import { createClinic, insert, pullAll, testServer, type TestClinic } from '../../../server/test-support/harness.js';
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, startStripeFake, type StripeFake } from '../../../server/test-support/stripe-fake/stripe-fake.js';
import { STRIPE_WEBHOOK_ROUTE } from '../../../server/routes/stripe-webhook.js';
import { createStripeProvider } from './stripe-provider.js';
import type { LinkRequest } from './types.js';

const AT = '2026-03-02T09:00:00.000Z';
/** The fake Stripe and our provider share one fixed clock: nothing here reads the wall clock. */
const clock = () => new Date(AT);
const DIAGNOSIS = 'lumbar disc herniation';
const SERVICE = 'Sports massage 60 min';
const PRACTITIONER = 'Ingrid Solberg';
const SECRET_WORDS = [DIAGNOSIS, SERVICE, PRACTITIONER, 'Solberg', 'herniation', 'Sports massage', 'Nordmann'];

/**
 * What the desk's sender hands the provider (electron/services/scheduler/send-request.ts):
 * ids, the amount, and "Invoice N — display name" as the description.
 */
function linkRequestFor(clinicId: string, request: WireDocument, invoice: WireDocument, settings: WireDocument): LinkRequest {
  return {
    requestId: request.id, invoiceId: invoice.id, clinicId, amountMinor: Number(request.amountMinor), currency: String(invoice.currency),
    description: `Invoice ${Number(invoice.number)} — ${String(settings.displayName)}`,
    expiresAt: new Date(clock().getTime() + 24 * 3_600_000).toISOString(), idempotencyKey: `${request.id}:link`,
  };
}

describe('no health information reaches Stripe', () => {
  let fake: StripeFake;
  let store: Store;
  let app: FastifyInstance;
  let clinic: TestClinic;

  beforeAll(async () => {
    fake = await startStripeFake({ now: clock });
    store = await openStore({ memory: true });
    app = testServer(store, { stripeWebhookSecret: FAKE_WEBHOOK_SECRET, now: clock });
    clinic = await createClinic(app, 'Fjordside Fysio');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await fake?.stop();
  });

  it('sends a link, takes the payment, and no Stripe request or event names the diagnosis, service or practitioner', async () => {
    const settings = settingsDoc({ clinicName: 'Fjordside Fysio AS', displayName: 'Fjordside Fysio' });
    const practitioner = staffDoc('st-ingrid', PRACTITIONER, ['practitioner'], { isPractitioner: true });
    const service = { id: 'svc-1', _deleted: false, name: SERVICE, durationMinutes: 60, priceMinor: 95_000, currency: 'NOK', vatRateBp: 0, active: true, createdAt: AT, updatedAt: AT, updatedBy: 'system' };
    const booking = {
      id: 'bk-1', _deleted: false, clientId: 'client-1', serviceId: 'svc-1', practitionerId: 'st-ingrid', start: AT, end: '2026-03-02T10:00:00.000Z',
      status: 'booked', billing: 'automatic', billingChosen: false, invoiceId: 'inv-1', createdAt: AT, updatedAt: AT, updatedBy: 'system',
    };
    const invoice = {
      id: 'inv-1', _deleted: false, kind: 'invoice', status: 'completed', clientId: 'client-1', bookingId: 'bk-1', creditsInvoiceId: '', currency: 'NOK',
      lines: [{ id: 'l1', serviceId: 'svc-1', description: `${SERVICE} — ${DIAGNOSIS} (${PRACTITIONER})`, quantity: 1, unitPriceMinor: 95_000, discountBp: 0, vatRateBp: 0 }],
      number: 12, invoiceDate: '2026-03-02', dueDate: '2026-03-16', completedAt: AT, createdAt: AT, updatedAt: AT, updatedBy: 'system',
    };
    const request = {
      id: 'pr-canary', _deleted: false, invoiceId: 'inv-1', clientId: 'client-1', amountMinor: 95_000, currency: 'NOK', channels: ['email'],
      purpose: 'payment_link', status: 'scheduled', sendAt: AT, sentAt: '', linkUrl: '', providerRef: '', expiresAt: '', feeMinor: 0, problem: '',
      createdAt: AT, updatedAt: AT, updatedBy: clinic.adminId,
    };
    await insert(app, clinic.desk, 'settings', [settings]);
    await insert(app, clinic.desk, 'staff', [practitioner]);
    await insert(app, clinic.desk, 'services', [service]);
    await insert(app, clinic.desk, 'clients', [clientDoc('client-1', { firstName: 'Kari', lastName: 'Nordmann' })]);
    await insert(app, clinic.desk, 'bookings', [booking]);
    await insert(app, clinic.desk, 'invoices', [invoice]);

    const provider = createStripeProvider({
      secretKey: FAKE_SECRET_KEY, now: clock, successUrl: 'https://pay.example/done', cancelUrl: 'https://pay.example/back',
      stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 },
    });
    const link = await provider.createLink(linkRequestFor(clinic.clinicId, request, invoice, settings));
    await insert(app, clinic.desk, 'paymentrequests', [{ ...request, status: 'sent', sentAt: AT, linkUrl: link.url, providerRef: link.providerRef, expiresAt: link.expiresAt }]);

    // The client pays; Stripe tells the server.
    const delivery = fake.signedDelivery(fake.completeSession(link.providerRef, 'paid'));
    const res = await app.inject({ method: 'POST', url: STRIPE_WEBHOOK_ROUTE, headers: delivery.headers, payload: delivery.payload });
    expect(res.statusCode).toBe(200);
    const payments = await pullAll(app, clinic.desk, 'payments');
    expect(payments).toMatchObject([{ kind: 'payment', invoiceId: 'inv-1', amountMinor: 95_000, method: 'payment_link' }]);
    await provider.expireLink(link.providerRef);

    // Everything Stripe received, and everything it sent back.
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    const seen = [
      ...fake.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}\n${JSON.stringify(r.headers)}\n${decodeURIComponent(r.body.replace(/\+/g, ' '))}`),
      ...fake.events.map((e) => JSON.stringify(e)),
    ].join('\n').toLowerCase();
    for (const word of SECRET_WORDS) expect(seen, word).not.toContain(word.toLowerCase());
    // What it did receive: the invoice number and the clinic's display name.
    expect(seen).toContain('invoice 12 — fjordside fysio');
  });
});
