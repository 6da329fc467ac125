import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createClinicDatabase, type ClinicDatabase } from '../../shared/db/database.js';
import { createClient } from '../../shared/db/client-commands.js';
import { createSocketBridge, type SocketBridge } from '../../renderer/data/socket-bridge.js';
import { exposeDatabaseToMain } from '../../renderer/data/expose-database.js';
import { typedClient } from '../../renderer/data/main-client.js';
import type { RunningHost, startHost as StartHost } from './host-server.js';

// The host (main side) gets its own copy of RxDB, as in its own process.
let startHost: typeof StartHost;
let createMainSideClient: typeof createClient;
beforeAll(async () => {
  vi.resetModules();
  startHost = (await import('./host-server.js')).startHost;
  createMainSideClient = (await import('../../shared/db/client-commands.js')).createClient;
});

// The renderer's real data layer (Dexie storage on fake-indexeddb, the socket bridge,
// the storage exposure) against the real browser host, as the two meet in the app.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-host-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function host(): Promise<RunningHost> {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<html><head><meta name="frontdesk-link-token" content=""></head></html>');
  const h = await startHost({ rendererDir: dir, dataDir: dir, version: 'test', port: 0, demo: null, log: () => undefined });
  cleanups.push(() => h.close());
  return h;
}

async function tokenOf(h: RunningHost): Promise<string> {
  const html = await (await fetch(h.url)).text();
  return /content="([^"]+)"/.exec(html)![1]!;
}

function socketFrom(origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
}

async function rendererDesk(h: RunningHost, name: string): Promise<{ db: ClinicDatabase; bridge: SocketBridge; stop: () => Promise<void> }> {
  const origin = new URL(h.url).origin;
  const url = `${origin.replace('http', 'ws')}/link?token=${await tokenOf(h)}`;
  const db = await createClinicDatabase({ storage: getRxStorageDexie(), name });
  const bridge = createSocketBridge({ url, WebSocketImpl: socketFrom(origin) });
  const unexpose = exposeDatabaseToMain(db, bridge);
  const stop = async () => {
    unexpose();
    bridge.close();
    await db.close();
  };
  cleanups.push(stop);
  return { db, bridge, stop };
}

async function mainDatabase(h: RunningHost): Promise<ClinicDatabase> {
  return (await firstValueFrom(h.services.hub.database$.pipe(filter((d): d is ClinicDatabase => d !== null))));
}

const client = { firstName: 'Ingrid', lastName: 'Solberg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' };

describe('browser host link', () => {
  it('answers contract requests over the socket', async () => {
    const h = await host();
    const { bridge } = await rendererDesk(h, 'desk-contract');
    const info = await typedClient(bridge).invoke('app.info');
    expect(info).toMatchObject({ host: 'browser-host', version: 'test', demo: false });
    await expect(bridge.invoke('app.nonexistent', null)).rejects.toThrow(/unknown request channel/);
    await expect(bridge.invoke('app.info', { unexpected: true })).rejects.toThrow(/takes no input/);
  });

  it("shows main's writes in the renderer's live query and the renderer's in main's", async () => {
    const h = await host();
    const { db } = await rendererDesk(h, 'desk-live');
    const mainDb = await mainDatabase(h);

    const seenByRenderer = firstValueFrom(db.clients.find().$.pipe(filter((docs) => docs.some((d) => d.lastName === 'Solberg'))));
    await createMainSideClient(mainDb, client, '2026-11-21', '2026-11-21T09:00:00.000Z');
    expect((await seenByRenderer).map((d) => d.firstName)).toContain('Ingrid');

    const seenByMain = firstValueFrom(mainDb.clients.find().$.pipe(filter((docs) => docs.some((d) => d.lastName === 'Berg'))));
    await createClient(db, { ...client, firstName: 'Ola', lastName: 'Berg' }, '2026-11-21', '2026-11-21T09:00:00.000Z');
    expect((await seenByMain).map((d) => d.firstName).sort()).toEqual(['Ingrid', 'Ola']);
  });

  it('reconnects main to the database when the renderer reloads', async () => {
    const h = await host();
    const first = await rendererDesk(h, 'desk-reload');
    const firstMainDb = await mainDatabase(h);
    await createMainSideClient(firstMainDb, client, '2026-11-21', '2026-11-21T09:00:00.000Z');

    await first.stop();
    await firstValueFrom(h.services.hub.database$.pipe(filter((d) => d === null)));

    const second = await rendererDesk(h, 'desk-reload');
    const secondMainDb = await mainDatabase(h);
    expect(secondMainDb).not.toBe(firstMainDb);
    expect((await secondMainDb.clients.find().exec()).map((d) => d.firstName)).toEqual(['Ingrid']);
    const seen = firstValueFrom(second.db.clients.find().$.pipe(filter((docs) => docs.length === 2)));
    await createMainSideClient(secondMainDb, { ...client, firstName: 'Kari' }, '2026-11-21', '2026-11-21T09:00:00.000Z');
    expect((await seen).length).toBe(2);
  });

  it('refuses sockets from another origin or without the token', async () => {
    const h = await host();
    const origin = new URL(h.url).origin;
    const wsUrl = `${origin.replace('http', 'ws')}/link`;
    const token = await tokenOf(h);
    const outcome = (url: string, from: string) => new Promise<string>((resolve) => {
      const ws = new WebSocket(url, { origin: from });
      ws.on('open', () => { ws.close(); resolve('open'); });
      ws.on('error', () => resolve('refused'));
    });
    expect(await outcome(`${wsUrl}?token=${token}`, 'http://evil.example')).toBe('refused');
    expect(await outcome(`${wsUrl}?token=wrong`, origin)).toBe('refused');
    expect(await outcome(wsUrl, origin)).toBe('refused');
    expect(await outcome(`${wsUrl}?token=${token}`, origin)).toBe('open');
  });

  it('serves the app with a strict CSP and never a file outside the renderer folder', async () => {
    const h = await host();
    const res = await fetch(h.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+$|connect-src 'self' ws:\/\/127\.0\.0\.1:\d+;/);
    const escape = await fetch(new URL('/..%2f..%2fetc%2fpasswd', h.url));
    expect(escape.status).toBe(404);
    expect((await fetch(h.url, { method: 'POST' })).status).toBe(405);
  });
});
