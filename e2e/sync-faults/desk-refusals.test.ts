/**
 * What a desk shows and does when the server refuses: a revoked desk stops syncing
 * with a plain message; a payment recorded by a staff member who may not take payments is
 * refused by the server — judged by who the payment records, not who is signed in when the
 * desk pushes — and the desk keeps it (a fact is never deleted, decision 0017) with the
 * refusal and its reason shown, in the status bar until it is taken as someone else's; a
 * payment whose invoice has not reached the server yet is sent again until it has (a retryable
 * refusal, decision 0018), and said to wait, by name, until then.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { ROUTES } from '../../shared/sync/protocol.js';
import { syncState } from '../../shared/sync/conflicts.js';
import type { SetupDocs } from '../../shared/domain/setup.js';
import { newId } from '../../shared/domain/ids.js';
import { createClinicDatabase } from '../../shared/db/database.js';
import { writeSetup } from '../../shared/db/setup-commands.js';
import { createClient } from '../../shared/db/client-commands.js';
import { createBooking } from '../../shared/db/booking-commands.js';
import { completeInvoice } from '../../shared/db/invoice-commands.js';
import type { ClientDoc, InvoiceDoc } from '../../shared/schemas/index.js';
import { acceptAgain, readNeedsAttention, setAside } from '../../shared/db/needs-attention.js';
import { http, pullAll, pushAll } from '../support/sync-client.js';
import { ADMIN_DESK, clinicWithDesk } from './clinic-with-desk.js';
import { inEnglish } from '../../shared/i18n/translator.js';

/** The status bar's problem as an English reader sees it. */
const problemOf = (desk: { replication: { status$: { value: { problem: Parameters<typeof inEnglish>[0] | null } } } | null }) => {
  const problem = desk.replication!.status$.value.problem;
  return problem ? inEnglish(problem) : null;
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A client and their completed invoice as the admin makes them on the admin's desk: the
 * desk's own commands on a scratch database (closed again: each desk's RxDB is its own).
 */
async function adminsClientAndInvoice(setup: SetupDocs, adminId: string): Promise<{ client: ClientDoc; invoice: InvoiceDoc }> {
  const db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `admin-desk-${newId().slice(0, 6)}` });
  try {
    const now = new Date().toISOString();
    const by = { actor: adminId, desk: ADMIN_DESK, now };
    await writeSetup(db, setup, setup.settings.createdAt);
    const client = await createClient(db, { firstName: 'Ola', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, now.slice(0, 10), by);
    const { invoice: draft } = await createBooking(db, { clientId: client.id, serviceId: setup.service.id, practitionerId: adminId, start: now, billing: 'manual', confirmOverlap: true }, by);
    if (!draft) throw new Error('a manually billed booking makes a draft invoice');
    const invoice = await completeInvoice(db, draft.id, { ...by, synced: true });
    // Only the synced content, as the desk's replication pushes it.
    return { client: syncState(client) as ClientDoc, invoice: syncState(invoice) as InvoiceDoc };
  } finally {
    await db.remove();
  }
}

describe('desk replication when the server refuses', () => {
  it('stops with a plain message when the desk has been revoked', async () => {
    const { server, desk, adminDesk, otherDesk, admin } = await clinicWithDesk(['reception'], cleanups);
    await http(`${server.url}${ROUTES.revokeDevice(otherDesk.deviceId)}`, { method: 'POST', token: adminDesk.deviceToken, staff: admin.id, body: {} });
    await desk.db.clients.insert({ id: newId(), firstName: 'Ola', lastName: 'Berg', sortName: 'berg ola', searchText: 'ola berg', email: '', phone: '', address: '', dateOfBirth: '', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), updatedBy: admin.id, deskId: desk.deskId });
    await vi.waitFor(() => { expect(desk.replication!.status$.value.stopped).toBe(true); expect(problemOf(desk)).toMatch(/signed out of the clinic's sync server/); }, { timeout: 15_000 });
  });

  it("keeps a payment its recorded staff member may not take, shows the server's refusal and why", async () => {
    const { server, desk, adminDesk, admin, reception, setup } = await clinicWithDesk(['reception'], cleanups);
    // The invoice and its client are on the server, so the refusal can only be the permission's.
    const { client, invoice } = await adminsClientAndInvoice(setup, admin.id);
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'clients', [client as never]);
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'invoices', [invoice as never]);
    await vi.waitFor(async () => expect((await desk.db.invoices.findOne(invoice.id).exec())?.number).toBeGreaterThan(0), { timeout: 15_000 });

    const id = newId();
    const payment = { id, kind: 'payment', invoiceId: invoice.id, clientId: client.id, method: 'cash', amountMinor: 50_000, currency: 'NOK', at: new Date().toISOString(), recordedBy: reception.id, recordedOn: desk.deskId, tenderedMinor: 0, externalRef: '' } as const;
    await desk.db.payments.insert(payment);
    await vi.waitFor(() => expect(desk.replication!.status$.value.refusals.map((r) => [r.id, r.code])).toContainEqual([id, 'permission_denied']), { timeout: 15_000 });
    await desk.replication!.awaitInSync();
    // Still on this desk, as recorded; never on the server; in the Needs-attention list with the reason.
    expect((await desk.db.payments.findOne(id).exec())?.toJSON()).toMatchObject(payment);
    expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'payments')).map((p) => p.id)).not.toContain(id);
    const [entry] = await readNeedsAttention(desk.db);
    expect(entry).toMatchObject({ key: `payments/${id}`, code: 'permission_denied', kept: true, message: expect.stringMatching(/Rita Reception.*billing permission/) });
    // Not a sync fault: the status bar's problem stays clear; it names the refused payment instead.
    expect(desk.replication!.status$.value.problem).toBeNull();
    expect(desk.replication!.status$.value.notices.map((n) => [n.key, n.kind, inEnglish(n.reason)])).toEqual([[`payments/${id}`, 'refused', expect.stringMatching(/Rita Reception does not have the billing permission/)]]);

    // Rita cannot accept it again herself; the admin (who has billing) can, signed as them.
    const at = (actor: string) => ({ actor, desk: desk.deskId, synced: true, now: new Date().toISOString() });
    await expect(acceptAgain(desk.db, entry!.key, at(reception.id))).rejects.toThrow(/already recorded as yours, and the sync server refused it as yours/);
    await expect(setAside(desk.db, entry!.key, at(reception.id))).rejects.toThrow(/stays on the list/);
    await acceptAgain(desk.db, entry!.key, at(admin.id));
    await vi.waitFor(async () => expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'payments')).find((p) => p.id === id)).toMatchObject({ ...payment, recordedBy: admin.id }), { timeout: 15_000 });
    await vi.waitFor(async () => expect(await readNeedsAttention(desk.db)).toEqual([]), { timeout: 15_000 });
    // Taken as the admin's: nothing more to say.
    await vi.waitFor(() => expect(desk.replication!.status$.value.notices).toEqual([]), { timeout: 15_000 });
    const log = await pullAll(server.url, adminDesk.deviceToken, admin.id, 'activity');
    expect(log.find((e) => e.action === 'sync.acceptedAgain')).toMatchObject({ entity: 'payment', entityId: id, by: admin.id, summary: expect.stringMatching(/first recorded as Rita Reception's/) });
  });

  it('sends a payment again whose invoice has not reached the server yet, until the server takes it', async () => {
    const { server, desk, adminDesk, admin, setup } = await clinicWithDesk(['reception'], cleanups);
    // Made on the admin's desk, not yet pushed: the payment below names what the server lacks.
    const { client, invoice } = await adminsClientAndInvoice(setup, admin.id);
    const id = newId();
    const payment = { id, kind: 'payment', invoiceId: invoice.id, clientId: client.id, method: 'cash', amountMinor: 75_000, currency: 'NOK', at: new Date().toISOString(), recordedBy: admin.id, recordedOn: desk.deskId, tenderedMinor: 0, externalRef: '' } as const;
    await desk.db.payments.insert(payment);
    await vi.waitFor(() => expect(desk.replication!.status$.value.notices.map((n) => [n.key, n.kind, inEnglish(n.reason)])).toEqual([[`payments/${id}`, 'waiting', expect.stringMatching(/has not reached the server/)]]), { timeout: 15_000 });
    expect(desk.replication!.status$.value.pending).toBeGreaterThan(0);

    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'clients', [client as never]);
    await pushAll(server.url, adminDesk.deviceToken, admin.id, 'invoices', [invoice as never]);
    await vi.waitFor(async () => expect((await pullAll(server.url, adminDesk.deviceToken, admin.id, 'payments')).find((p) => p.id === id)).toMatchObject(payment), { timeout: 15_000 });
    await desk.replication!.awaitInSync();
    expect(desk.replication!.status$.value).toMatchObject({ refusals: [], pending: 0, notices: [], problem: null });
    expect((await desk.db.payments.findOne(id).exec())?.toJSON()).toMatchObject(payment);
  });
});
