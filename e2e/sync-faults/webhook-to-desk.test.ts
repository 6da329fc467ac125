/**
 * A Stripe payment reaches another desk (docs/product.md §3: the open invoice updates within
 * two seconds of the payment): two desks, each its own RxDB with the real replication client,
 * on the real sync server (PGlite). Desk A sends the link — the real scheduler and sender,
 * claims at the server, the Stripe provider against the local Stripe. The client pays; Stripe's
 * signed webhook reaches the server; the payment and the request's new status arrive on desk B
 * by its live stream. B never talks to Stripe: everything it fetched went to the sync server,
 * and Stripe heard nothing after A's link. Prints the latency from webhook delivery to the
 * payment being on desk B. Stripe, the server, the scheduler and the commands share one clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../server/app.js';
import { openStore } from '../../server/store/open-store.js';
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, startStripeFake } from '../../server/test-support/stripe-fake/stripe-fake.js';
import { checkSetup } from '../../shared/domain/setup.js';
import { createPaymentRequest } from '../../shared/db/payment-request-commands.js';
import { createStripeProvider } from '../../electron/services/payments/stripe-provider.js';
import { createScheduler } from '../../electron/services/scheduler/scheduler.js';
import { createServerClaimStore } from '../../electron/services/scheduler/server-claims.js';
import { recordingTransport } from '../../electron/services/test-support/recording-transport.js';
import { createClinicWithDesks, pushAll } from '../support/sync-client.js';
import type { Desk, DeskOptions } from './desk-kit.js';
import { activatedAtSetup } from '../../shared/test-support/test-clinic.js';

const ADMIN = 'webhook-admin-secret';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const clock = () => NOW;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

/** Each desk imports the kit afresh, so each has its own RxDB, as separate processes would. */
async function openDesk(options: DeskOptions): Promise<Desk> {
  vi.resetModules();
  const kit = await import('./desk-kit.js');
  const desk = await kit.openDesk(options);
  cleanups.push(() => desk.close());
  desk.startSync();
  return desk;
}

describe('a Stripe payment on a synced desk', () => {
  it('arrives by itself on a desk other than the one that sent the link, with the link marked paid', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-desk-'));
    const store = await openStore({ pgliteDir: dir });
    const app = buildServer({ store, adminSecret: ADMIN, stripeWebhookSecret: FAKE_WEBHOOK_SECRET, now: clock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(async () => { await app.close(); await store.close(); });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const fake = await startStripeFake({ now: clock });
    cleanups.push(() => fake.stop());

    // Desk A sets the clinic up and sends the link. Each desk enrols with the desk id its
    // changes record (at most 40 characters, shared/sync/protocol.ts DESK_ID_PATTERN).
    const deskIdA = `webhook-a-${crypto.randomUUID().slice(0, 8)}`;
    const deskIdB = `webhook-b-${crypto.randomUUID().slice(0, 8)}`;
    const setup = checkSetup({ clinicName: 'Fjordside', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg', service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' } }, NOW.toISOString(), deskIdA);
    if (!setup.ok) throw new Error(setup.message);
    const admin = setup.value.practitioner;
    const [credsA, credsB] = await createClinicWithDesks(url, ADMIN, { ...admin, _deleted: false }, 2, [deskIdA, deskIdB]);
    await pushAll(url, credsA!.deviceToken, admin.id, 'settings', [activatedAtSetup(setup.value).settings as never]);
    await pushAll(url, credsA!.deviceToken, admin.id, 'services', [setup.value.service as never]);

    const deskA = await openDesk({ name: deskIdA, deskId: credsA!.deskId, serverUrl: url, deviceToken: credsA!.deviceToken, clinicId: credsA!.clinicId, staffId: admin.id, fetchImpl: (...a) => fetch(...a) });
    // Desk B has no payment provider at all; every request it makes is recorded.
    const fetchedByB: string[] = [];
    const deskB = await openDesk({
      name: deskIdB, deskId: credsB!.deskId, serverUrl: url, deviceToken: credsB!.deviceToken, clinicId: credsB!.clinicId, staffId: admin.id,
      fetchImpl: (input, init) => { fetchedByB.push(input instanceof Request ? input.url : String(input)); return fetch(input, init); },
    });
    for (const desk of [deskA, deskB]) await vi.waitFor(async () => expect(await desk.db.services.count().exec()).toBe(1), { timeout: 15_000 });

    // Desk A: the invoice and the request, then its scheduler sends the link through Stripe.
    const now = NOW.toISOString();
    const client = await deskA.commands.createClient(deskA.db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, now.slice(0, 10), { actor: admin.id, desk: deskA.deskId, now });
    const { invoice } = await deskA.commands.createBooking(deskA.db, { clientId: client.id, serviceId: setup.value.service.id, practitionerId: admin.id, start: now, billing: 'manual', confirmOverlap: true }, { actor: admin.id, desk: deskA.deskId, now });
    await deskA.commands.completeInvoice(deskA.db, invoice!.id, { synced: true, actor: admin.id, desk: deskA.deskId, now });
    const request = await createPaymentRequest(deskA.db, invoice!.id, { amount: '300', channels: ['email'] }, { actor: admin.id, synced: true, desk: deskA.deskId, now });
    const transport = recordingTransport();
    const scheduler = createScheduler(() => ({
      db: deskA.db, transport, clinicId: credsA!.clinicId, synced: true, deskId: deskA.deskId, now: clock, log: () => undefined,
      provider: createStripeProvider({ secretKey: FAKE_SECRET_KEY, now: clock, successUrl: 'https://www.fjordside.no/takk', cancelUrl: 'https://www.fjordside.no/takk', stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 } }),
      claims: createServerClaimStore({ serverUrl: url, deviceToken: credsA!.deviceToken }),
    }));
    cleanups.push(() => scheduler.stop());
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    const sent = (await deskA.db.paymentrequests.findOne(request.id).exec())!;
    expect(sent).toMatchObject({ status: 'sent', amountMinor: 30_000, providerRef: expect.stringMatching(/^cs_/) });
    expect(transport.emails.map((e) => e.facts.link)).toEqual([sent.linkUrl]);
    await deskA.replication!.awaitInSync();
    await vi.waitFor(async () => expect((await deskB.db.paymentrequests.findOne(request.id).exec())?.status).toBe('sent'), { timeout: 10_000 });
    const stripeCalls = fake.requests.length;
    expect(fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions')).toHaveLength(1);

    // The client pays; Stripe tells the server; desk B hears of it.
    const event = fake.completeSession(sent.providerRef, 'paid');
    const delivered = performance.now();
    expect(await fake.deliver(event, `${url}/webhooks/stripe`)).toBe(200);

    let arrived = 0;
    await vi.waitFor(async () => {
      const paid = await deskB.db.payments.find({ selector: { method: 'payment_link' } }).exec();
      expect(paid.map((p) => [p.invoiceId, p.amountMinor])).toEqual([[invoice!.id, 30_000]]);
      arrived ||= performance.now();
    }, { timeout: 10_000, interval: 20 });
    await vi.waitFor(async () => expect((await deskB.db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid'), { timeout: 10_000 });
    console.log(`webhook-to-desk: payment on the other desk ${Math.round(arrived - delivered)} ms after Stripe's webhook was delivered (goal 2000 ms)`);

    // B never talked to Stripe: it fetched from the sync server only, and Stripe heard nothing more.
    expect(fetchedByB.length).toBeGreaterThan(0);
    expect(fetchedByB.filter((u) => !u.startsWith(`${url}/`))).toEqual([]);
    expect(fake.requests).toHaveLength(stripeCalls);
    // Every change the desks made named its own desk and an admin, so the server took it all.
    expect([...deskA.replication!.status$.value.refusals, ...deskB.replication!.status$.value.refusals]).toEqual([]);
  }, 60_000);
});
