/**
 * The status bar says only what is true now (docs/decisions/0036-status-truth.md), on a real
 * server and a real desk. A second desk at which nobody has signed in yet pushes what was
 * recorded earlier: the server judges the recorded actor, never who is signed in, so nothing
 * waits for a sign-in and nothing is said. A change the server tells to wait is named while it
 * waits — through a sign-in and through other pulls that succeed — and its notice goes when the
 * server takes it. A refused change is named until its Needs-attention entry goes (set aside
 * here), or until someone dismisses it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { newId } from '../../shared/domain/ids.js';
import { createClinicDatabase } from '../../shared/db/database.js';
import { writeSetup } from '../../shared/db/setup-commands.js';
import { createClient } from '../../shared/db/client-commands.js';
import { createBooking } from '../../shared/db/booking-commands.js';
import { readNeedsAttention, setAside } from '../../shared/db/needs-attention.js';
import { syncState } from '../../shared/sync/conflicts.js';
import type { SetupDocs } from '../../shared/domain/setup.js';
import type { ClientDoc, InvoiceDoc, PaymentRequestDoc } from '../../shared/schemas/index.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import { describeNotice } from '../../renderer/features/needs-attention/describe-refused.js';
import { refusedContextOf } from '../../renderer/features/needs-attention/refused-context.js';
import type { SyncNotice } from '../../renderer/data/sync/sync-notices.js';
import type { Desk } from './desk-kit.js';
import { pullAll, pushAll } from '../support/sync-client.js';
import { ADMIN_DESK, clinicWithDesk } from './clinic-with-desk.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A client and a draft invoice of theirs as the admin makes them on the admin's desk (a scratch database). */
async function adminsClientAndDraft(setup: SetupDocs, adminId: string): Promise<{ client: ClientDoc; invoice: InvoiceDoc }> {
  const db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `admin-desk-${newId().slice(0, 6)}` });
  try {
    const now = new Date().toISOString();
    const by = { actor: adminId, desk: ADMIN_DESK, now };
    await writeSetup(db, setup, setup.settings.createdAt);
    const client = await createClient(db, { firstName: 'Ola', lastName: 'Berg', email: 'ola@example.com', phone: '', dateOfBirth: '' }, now.slice(0, 10), by);
    const { invoice } = await createBooking(db, { clientId: client.id, serviceId: setup.service.id, practitionerId: adminId, start: now, billing: 'manual', confirmOverlap: true }, by);
    if (!invoice) throw new Error('a manually billed booking makes a draft invoice');
    return { client: syncState(client) as ClientDoc, invoice: syncState(invoice) as InvoiceDoc };
  } finally {
    await db.remove();
  }
}

/** A payment link for the invoice, recorded by `by` on `desk` a while ago (before they signed out). */
function paymentRequest(desk: Desk, invoice: InvoiceDoc, by: string): PaymentRequestDoc {
  const at = new Date(Date.now() - 60_000).toISOString();
  return {
    id: newId(), invoiceId: invoice.id, clientId: invoice.clientId, amountMinor: 75_000, currency: 'NOK', channels: ['email'], purpose: 'payment_link',
    status: 'scheduled', sendAt: new Date(Date.now() + 3_600_000).toISOString(), sentAt: '', linkUrl: '', providerRef: '', expiresAt: '', feeMinor: 0,
    problem: '', createdAt: at, updatedAt: at, updatedBy: by, deskId: desk.deskId,
  };
}

const noticesOf = (desk: Desk): readonly SyncNotice[] => desk.replication!.status$.value.notices;

/** A notice as the status bar reads it in English, named from the desk's own copies. */
async function lineOf(desk: Desk, notice: SyncNotice): Promise<string> {
  return inEnglish(describeNotice(notice, await refusedContextOf(desk.db, notice.collection, notice.sent ?? null)));
}

describe('the status bar of a second desk says only what is true now', () => {
  it('sends what was recorded before anyone signed in, judged by whom it records, and says nothing of it', async () => {
    const { server, desk, adminDesk, admin, reception: rita, setup } = await clinicWithDesk(['reception', 'billing'], cleanups, { signedIn: () => null });
    const { client, invoice } = await adminsClientAndDraft(setup, admin.id);
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'clients', [client as never]);
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'invoices', [invoice as never]);
    await vi.waitFor(async () => expect(await desk.db.invoices.findOne(invoice.id).exec()).not.toBeNull(), { timeout: 15_000 });

    // Nobody at the desk: the push goes at once and the server takes it as Rita's.
    const request = paymentRequest(desk, invoice, rita.id);
    await desk.db.paymentrequests.insert(request);
    await vi.waitFor(async () => expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'paymentrequests')).find((r) => r.id === request.id)).toMatchObject({ updatedBy: rita.id }), { timeout: 15_000 });
    await desk.replication!.awaitInSync();
    expect(desk.replication!.status$.value).toMatchObject({ problem: null, notices: [], refusals: [], pending: 0 });
    expect(await readNeedsAttention(desk.db)).toEqual([]);
  });

  it('names a change while the server makes it wait, through a sign-in and other pulls, and drops the notice once the server takes it', async () => {
    let signedIn: string | null = null;
    const { server, desk, adminDesk, admin, reception: rita, setup } = await clinicWithDesk(['reception', 'billing'], cleanups, { signedIn: () => signedIn });
    const { client, invoice } = await adminsClientAndDraft(setup, admin.id);
    // The client reaches the server and this desk; the invoice is still only on the admin's desk.
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'clients', [client as never]);
    await vi.waitFor(async () => expect(await desk.db.clients.findOne(client.id).exec()).not.toBeNull(), { timeout: 15_000 });

    const request = paymentRequest(desk, invoice, rita.id);
    await desk.db.paymentrequests.insert(request);
    await vi.waitFor(() => expect(noticesOf(desk).map((n) => [n.key, n.kind])).toEqual([[`paymentrequests/${request.id}`, 'waiting']]), { timeout: 15_000 });
    const [waiting] = noticesOf(desk);
    expect(await lineOf(desk, waiting!)).toBe(`Payment link to Ola Berg: The sync server has not taken this payment request yet: the invoice it names in "invoiceId" ("${invoice.id}") has not reached the server. This desk sends it again once that has reached the server.`);
    expect(desk.replication!.status$.value.problem).toBeNull();

    // Rita signs in, and another desk's change comes and is pulled: it still waits, so it is said throughout.
    let unsaid = 0;
    const watch = desk.replication!.status$.subscribe((s) => { if (!s.notices.some((n) => n.key === waiting!.key)) unsaid += 1; });
    signedIn = rita.id;
    const service = { ...setup.service, id: newId(), name: 'Follow-up', updatedAt: new Date().toISOString(), updatedBy: admin.id, deskId: ADMIN_DESK };
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'services', [service as never]);
    await vi.waitFor(async () => expect(await desk.db.services.findOne(service.id).exec()).not.toBeNull(), { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 700));
    watch.unsubscribe();
    expect(unsaid).toBe(0);
    expect(noticesOf(desk).map((n) => n.key)).toEqual([`paymentrequests/${request.id}`]);

    // The invoice reaches the server: the next send is taken, and nothing more is said.
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'invoices', [invoice as never]);
    await vi.waitFor(async () => expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'paymentrequests')).map((r) => r.id)).toContain(request.id), { timeout: 15_000 });
    await vi.waitFor(() => expect(noticesOf(desk)).toEqual([]), { timeout: 15_000 });
    await desk.replication!.awaitInSync();
    expect(desk.replication!.status$.value).toMatchObject({ problem: null, notices: [], refusals: [], pending: 0 });
  });

  it('names a refused change until its Needs-attention entry is set aside, and hides one someone dismissed', async () => {
    const { server, desk, adminDesk, admin, reception: rita, setup } = await clinicWithDesk(['reception'], cleanups);
    await vi.waitFor(async () => expect(await desk.db.services.findOne(setup.service.id).exec()).not.toBeNull(), { timeout: 15_000 });
    const by = { actor: rita.id, desk: desk.deskId, synced: true, now: new Date().toISOString() };

    // Rita (reception) changes the service's price and a client the server has never seen recorded by
    // someone not on the staff list: both refused; the service is taken back to the server's price.
    const stored = await desk.db.services.findOne(setup.service.id).exec();
    await stored!.incrementalModify((s) => ({ ...s, priceMinor: s.priceMinor + 10_000, updatedAt: by.now, updatedBy: rita.id, deskId: desk.deskId }));
    const stranger = { id: newId(), firstName: 'Kari', lastName: 'Nord', sortName: 'nord kari', searchText: 'kari nord', email: '', phone: '', address: '', dateOfBirth: '', createdAt: by.now, updatedAt: by.now, updatedBy: 'not-on-staff', deskId: desk.deskId };
    await desk.db.clients.insert(stranger);
    await vi.waitFor(() => expect(noticesOf(desk).map((n) => [n.key, n.kind]).sort()).toEqual([[`clients/${stranger.id}`, 'refused'], [`services/${setup.service.id}`, 'refused']]), { timeout: 15_000 });
    const service = noticesOf(desk).find((n) => n.collection === 'services')!;
    expect(await lineOf(desk, service)).toBe('A change to the services: Rita Reception does not have the admin permission, so the server did not take this change to the services.');
    await vi.waitFor(async () => expect((await readNeedsAttention(desk.db)).map((e) => e.key).sort()).toEqual([`clients/${stranger.id}`, `services/${setup.service.id}`]), { timeout: 15_000 });

    // Set aside on the Needs-attention screen: dealt with, so the status bar stops saying it.
    await setAside(desk.db, `services/${setup.service.id}`, by);
    await vi.waitFor(() => expect(noticesOf(desk).map((n) => n.key)).toEqual([`clients/${stranger.id}`]), { timeout: 15_000 });
    // Dismissed: gone from the status bar, still in Needs attention.
    desk.replication!.dismiss(`clients/${stranger.id}`);
    expect(noticesOf(desk)).toEqual([]);
    expect((await readNeedsAttention(desk.db)).map((e) => e.key)).toEqual([`clients/${stranger.id}`]);
    expect(desk.replication!.status$.value.problem).toBeNull();
    expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'services')).find((s) => s.id === setup.service.id)).toMatchObject({ priceMinor: setup.service.priceMinor });
  });
});
