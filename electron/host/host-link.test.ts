import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createClinicDatabase, type ClinicDatabase } from '../../shared/db/database.js';
import { createClient } from '../../shared/db/client-commands.js';
import type { Actor } from '../../shared/domain/actor.js';
import { runSetup } from '../../shared/db/setup-commands.js';
import { TEST_DESK } from '../../shared/test-support/test-clinic.js';
import { createSocketBridge, type SocketBridge } from '../../renderer/data/socket-bridge.js';
import { exposeDatabaseToMain } from '../../renderer/data/expose-database.js';
import { typedClient } from '../../renderer/data/main-client.js';
import type { startHost as StartHost } from './host-server.js';
import { startTestHost, tempFolder, type TestHost } from './test-support/host-fixture.js';
import { signIn } from './test-support/http-probe.js';
import { RefusedError } from '../../shared/domain/result.js';

// The host (main side) gets its own copy of RxDB, as in its own process.
let startHost: typeof StartHost;
let createMainSideClient: typeof createClient;
beforeAll(async () => {
  vi.resetModules();
  startHost = (await import('./host-server.js')).startHost;
  createMainSideClient = (await import('../../shared/db/client-commands.js')).createClient;
});

// The renderer's real data layer (Dexie storage on fake-indexeddb, the socket bridge,
// the storage exposure) against the real browser host, as the two meet in the app. The
// renderer's socket carries what a browser's would: the page's Origin and the session
// cookie the opening link was traded for (decision 0019; admission.test.ts for refusals).

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const host = () => startTestHost(startHost, cleanups);

/** A WebSocket as the signed-in page's browser opens it. */
function browserSocket(origin: string, cookie: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin, headers: { cookie } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

async function rendererDesk(t: TestHost, name: string): Promise<{ db: ClinicDatabase; bridge: SocketBridge; stop: () => Promise<void> }> {
  const url = `${t.origin.replace('http', 'ws')}/link`;
  const db = await createClinicDatabase({ storage: getRxStorageDexie(), name });
  const bridge = createSocketBridge({ url, WebSocketImpl: browserSocket(t.origin, await signIn(t.openingUrl())) });
  const unexpose = exposeDatabaseToMain(db, bridge);
  const stop = async () => {
    unexpose();
    bridge.close();
    await db.close();
  };
  cleanups.push(stop);
  return { db, bridge, stop };
}

async function mainDatabase(t: TestHost): Promise<ClinicDatabase> {
  return (await firstValueFrom(t.host.services.hub.database$.pipe(filter((d): d is ClinicDatabase => d !== null))));
}

const client = { firstName: 'Ingrid', lastName: 'Solberg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' };
const AT = '2026-11-21T09:00:00.000Z';

/** A set-up clinic, so its admin may add clients: who adds them (createClient needs the booking permission). */
async function adminOf(db: ClinicDatabase): Promise<Actor> {
  const { practitioner } = await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
  }, AT, TEST_DESK);
  return { actor: practitioner.id, desk: TEST_DESK, now: AT };
}

describe('browser host link', () => {
  it('answers contract requests over the socket', async () => {
    const h = await host();
    const { bridge } = await rendererDesk(h, 'desk-contract');
    const info = await typedClient(bridge).invoke('app.info');
    expect(info).toMatchObject({ host: 'browser-host', version: 'test', demo: false });
    await expect(bridge.invoke('app.nonexistent', null)).rejects.toThrow(/unknown request channel/);
    await expect(bridge.invoke('app.info', { unexpected: true })).rejects.toThrow(/takes no input/);
    // A refusal arrives whole: a RefusedError with its Text, for the screen to put into its reader's words.
    const refused = await typedClient(bridge).invoke('connections.save', { staffId: 's', kind: 'smtp', port: 0 } as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedError);
    expect(refused).toMatchObject({ text: { id: 'connections.refused.smtpPort' }, message: expect.stringMatching(/SMTP port/) });
  });

  it("shows main's writes in the renderer's live query and the renderer's in main's", async () => {
    const h = await host();
    const { db } = await rendererDesk(h, 'desk-live');
    const mainDb = await mainDatabase(h);
    const BY = await adminOf(db);

    const seenByRenderer = firstValueFrom(db.clients.find().$.pipe(filter((docs) => docs.some((d) => d.lastName === 'Solberg'))));
    await createMainSideClient(mainDb, client, '2026-11-21', BY);
    expect((await seenByRenderer).map((d) => d.firstName)).toContain('Ingrid');

    const seenByMain = firstValueFrom(mainDb.clients.find().$.pipe(filter((docs) => docs.some((d) => d.lastName === 'Berg'))));
    await createClient(db, { ...client, firstName: 'Ola', lastName: 'Berg' }, '2026-11-21', BY);
    expect((await seenByMain).map((d) => d.firstName).sort()).toEqual(['Ingrid', 'Ola']);
  });

  it('reconnects main to the database when the renderer reloads', async () => {
    const h = await host();
    const first = await rendererDesk(h, 'desk-reload');
    const firstMainDb = await mainDatabase(h);
    const BY = await adminOf(first.db);
    await createMainSideClient(firstMainDb, client, '2026-11-21', BY);

    await first.stop();
    await firstValueFrom(h.host.services.hub.database$.pipe(filter((d) => d === null)));

    const second = await rendererDesk(h, 'desk-reload');
    const secondMainDb = await mainDatabase(h);
    expect(secondMainDb).not.toBe(firstMainDb);
    expect((await secondMainDb.clients.find().exec()).map((d) => d.firstName)).toEqual(['Ingrid']);
    const seen = firstValueFrom(second.db.clients.find().$.pipe(filter((docs) => docs.length === 2)));
    await createMainSideClient(secondMainDb, { ...client, firstName: 'Kari' }, '2026-11-21', BY);
    expect((await seen).length).toBe(2);
  });

  it('links a page again by itself when its host restarts, within seconds, and main has its database again', async () => {
    const dataDir = tempFolder(cleanups, 'restart');
    const first = await startTestHost(startHost, cleanups, { dataDir });
    const cookie = await signIn(first.openingUrl());
    const db = await createClinicDatabase({ storage: getRxStorageDexie(), name: 'desk-restart' });
    const link: Array<{ connected: boolean; at: number }> = [];
    const bridge = createSocketBridge({ url: `${first.origin.replace('http', 'ws')}/link`, WebSocketImpl: browserSocket(first.origin, cookie), onConnection: (connected) => link.push({ connected, at: Date.now() }) });
    const unexpose = exposeDatabaseToMain(db, bridge);
    cleanups.push(async () => { unexpose(); bridge.close(); await db.close(); });
    const BY = await adminOf(db);
    await mainDatabase(first);
    await vi.waitFor(() => expect(link.map((l) => l.connected)).toEqual([true]));

    // The host stops; the page keeps trying while it is away (long enough for several retries).
    await first.host.close();
    await vi.waitFor(() => expect(link.map((l) => l.connected)).toEqual([true, false]));
    await new Promise((r) => setTimeout(r, 7_000));
    // Started again on the same port and data folder: the page's cookie is still good.
    const second = await startTestHost(startHost, cleanups, { dataDir, port: first.port });
    const upAt = Date.now();
    // Linked again by itself, no reload. How soon is the retry schedule's (at most 2 s between
    // tries: socket-bridge.test.ts, on a fake clock); here it is only reported, as timings never
    // decide a test on a loaded machine (decision 0034).
    await vi.waitFor(() => expect(link.map((l) => l.connected)).toEqual([true, false, true]), { timeout: 20_000, interval: 20 });
    console.info(`host-link: linked again ${link[2]!.at - upAt} ms after the host was back`);
    // The page announced its database again: main reaches it and sees what the page holds.
    const mainDb = await mainDatabase(second);
    await createMainSideClient(mainDb, client, '2026-11-21', BY);
    expect((await db.clients.find().exec()).map((d) => d.firstName)).toEqual(['Ingrid']);
    // A restart signed everyone out: the page asks again (SignInGate) and hears so.
    expect(await typedClient(bridge).invoke('staff.current')).toBeNull();
  }, 30_000);

  it('serves the app with a strict CSP and never a file outside the renderer folder', async () => {
    const h = await host();
    const cookie = await signIn(h.openingUrl());
    const res = await fetch(h.host.url, { headers: { cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+$|connect-src 'self' ws:\/\/127\.0\.0\.1:\d+;/);
    const escape = await fetch(new URL('/..%2f..%2fetc%2fpasswd', h.host.url), { headers: { cookie } });
    expect(escape.status).toBe(404);
    expect((await fetch(h.host.url, { method: 'POST', headers: { cookie } })).status).toBe(405);
  });
});
