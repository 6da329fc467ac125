/**
 * A desk and a server that cannot sync say so and stop: through the desk's real
 * replication against the real sync server (PGlite), the desk shows the update message in
 * its sync status and pushes nothing — whether the server refuses the desk (a desk newer
 * than its server) or the desk refuses the server (a server newer than the desk).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { createClinic, testServer, type TestClinic } from '../../server/test-support/harness.js';
import { SYNC_HEADERS } from '../../shared/sync/protocol.js';
import { PROTOCOL_VERSION, UPDATE_MESSAGES } from '../../shared/sync/protocol-version.js';
import { openTestClinic } from '../../shared/test-support/test-clinic.js';
import { createClient } from '../../shared/db/client-commands.js';
import { startDeskReplication, type DeskReplication } from '../../renderer/data/sync/desk-replication.js';
import { inEnglish } from '../../shared/i18n/translator.js';

const AT = '2026-03-02T09:00:00.000Z';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function server(): Promise<{ url: string; clinic: TestClinic; store: Store; app: FastifyInstance }> {
  const store = await openStore({ memory: true });
  const app = testServer(store, { now: () => new Date(AT) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(async () => { await app.close(); await store.close(); });
  const clinic = await createClinic(app);
  return { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`, clinic, store, app };
}

/**
 * A desk with one client not yet on the server, syncing through `fetchImpl`. The client is
 * recorded as the server clinic's admin on the desk this one enrolled as (invariant 11), so
 * the server takes it once the versions agree.
 */
async function deskWithChange(url: string, clinic: TestClinic, fetchImpl: typeof fetch): Promise<DeskReplication> {
  const t = await openTestClinic('protocol');
  // The server clinic's admin, as this desk would have them from the clinic: they may add clients here.
  await t.db.staff.insert({ ...(await t.db.staff.findOne(t.admin).exec())!.toMutableJSON(), id: clinic.adminId, name: 'Server Admin', sortKey: 9 });
  await createClient(t.db, { firstName: 'Ingrid', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-03-02', { actor: clinic.adminId, desk: clinic.desk.deskId, now: AT });
  const replication = startDeskReplication(t.db, { serverUrl: url, deviceToken: clinic.desk.token, clinicId: clinic.clinicId, actingStaff: () => clinic.adminId, fetchImpl, retryTimeMs: 50 });
  cleanups.push(async () => { await replication.stop(); await t.db.close(); });
  return replication;
}

const pushes = (calls: string[]) => calls.filter((u) => u.includes('/push'));

describe('a desk and a sync server of versions that cannot sync', () => {
  it('a desk newer than its server is refused, stops, shows the update message and pushes nothing the server takes', async () => {
    const s = await server();
    const calls: string[] = [];
    const newerDesk: typeof fetch = (input, init) => {
      calls.push(String(input));
      const headers = { ...(init?.headers as Record<string, string>), [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION + 1) };
      return fetch(input, { ...init, headers });
    };
    const replication = await deskWithChange(s.url, s.clinic, newerDesk);
    await vi.waitFor(() => expect(replication.status$.value).toMatchObject({ stopped: true, problem: { id: UPDATE_MESSAGES.deskTooNew } }), { timeout: 10_000 });
    expect(await s.store.query("SELECT id FROM documents WHERE collection = 'clients'")).toEqual([]);
    // Calls already under way when it stopped may still end; then the desk stays quiet.
    await new Promise((r) => setTimeout(r, 500));
    const seen = calls.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(calls.length, 'a stopped desk does not keep retrying').toBe(seen);
  });

  it('a desk stops before pushing anything to a server whose version it cannot read, and says to update this desk', async () => {
    const s = await server();
    const calls: string[] = [];
    const unreadableServer: typeof fetch = async (input, init) => {
      calls.push(String(input));
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.set(SYNC_HEADERS.protocol, `${PROTOCOL_VERSION + 1}.0-beta`);
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    };
    const replication = await deskWithChange(s.url, s.clinic, unreadableServer);
    await vi.waitFor(() => expect(replication.status$.value).toMatchObject({ stopped: true, problem: { id: UPDATE_MESSAGES.deskTooOld } }), { timeout: 10_000 });
    expect(inEnglish(UPDATE_MESSAGES.deskTooOld)).toMatch(/^Update this desk/);
    // Every answer was refused before the desk used it, and a push waits for one that is not.
    expect(pushes(calls)).toEqual([]);
  });

  it('a desk and server of the same version sync (the check lets them through)', async () => {
    const s = await server();
    const replication = await deskWithChange(s.url, s.clinic, (...a) => fetch(...a));
    await replication.awaitInSync();
    expect(replication.status$.value.stopped).toBe(false);
    expect((await s.store.query("SELECT id FROM documents WHERE collection = 'clients'")).length).toBe(1);
  });
});
