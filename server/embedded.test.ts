/** The embedded server: PGlite in a data folder, a stored admin secret, data kept across restarts. */
import { statSync, watch } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES, SYNC_HEADERS, type DeviceCredentials, type PullResponse } from '../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../shared/sync/protocol-version.js';
import { startEmbeddedServer } from './embedded.js';
import { staffDoc } from './test-support/docs.js';
import { notPrivate } from './test-support/file-modes.js';
import { httpsStatus, makeClinicCertificates } from './test-support/tls-certs.js';
import { FAKE_WEBHOOK_SECRET, StripeFake } from './test-support/stripe-fake/stripe-fake.js';

describe('startEmbeddedServer', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it('serves from a data folder and keeps secret and data across restarts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-embedded-'));
    dirs.push(dataDir);
    const first = await startEmbeddedServer({ dataDir, port: 0, host: '127.0.0.1' });
    let creds: DeviceCredentials;
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(new URL(ROUTES.ready, first.url))).json()).toEqual({ status: 'ready' });
      expect((await stat(path.join(dataDir, 'admin-secret'))).mode & 0o777).toBe(0o600);
      const res = await fetch(new URL(ROUTES.clinics, first.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${first.adminSecret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clinicId: 'embedded-clinic', clinicName: 'Fjord', admin: staffDoc('st-a', 'Astrid', ['admin']), deviceName: 'Desk 1', deskId: 'desk-1' }),
      });
      expect(res.status).toBe(201);
      creds = (await res.json()) as DeviceCredentials;
    } finally {
      await first.close();
    }
    const second = await startEmbeddedServer({ dataDir, port: 0, host: '0.0.0.0' });
    try {
      expect(second.adminSecret).toBe(first.adminSecret);
      expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const pulled = await fetch(new URL(`${ROUTES.pull('staff')}?seq=0`, second.url), { headers: { authorization: `Bearer ${creds.deviceToken}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
      expect(((await pulled.json()) as PullResponse).documents.map((d) => d.id)).toEqual(['st-a']);
    } finally {
      await second.close();
    }
  });

  it('makes a pre-created 0755 data folder with 0666 files owner-only, PGlite\'s files included, sweeps files written later, and serves HTTPS when given TLS', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-embedded-'));
    dirs.push(dataDir);
    await chmod(dataDir, 0o755);
    await writeFile(path.join(dataDir, 'admin-secret'), 'a-secret-someone-left-readable\n');
    await chmod(path.join(dataDir, 'admin-secret'), 0o666);
    await mkdir(path.join(dataDir, 'pglite'), { mode: 0o755 });
    await chmod(path.join(dataDir, 'pglite'), 0o755);
    // The folder is closed before PGlite writes its first file, not only after it opened.
    const modesWhilePGliteWrites: number[] = [];
    const watcher = watch(path.join(dataDir, 'pglite'), () => modesWhilePGliteWrites.push(statSync(dataDir).mode & 0o777));
    let sweep: (() => Promise<void>) | null = null;
    const certDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-embedded-certs-'));
    dirs.push(certDir);
    const certs = await makeClinicCertificates(certDir);
    const tls = { key: await readFile(certs.keyFile), cert: await readFile(certs.certFile) };
    const server = await startEmbeddedServer({ dataDir, port: 0, host: '127.0.0.1', tls, repeat: (run) => { sweep = run; return () => { sweep = null; }; } });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await httpsStatus(new URL(ROUTES.ready, server.url), await readFile(certs.caFile))).toBe(200);
      watcher.close();
      expect(modesWhilePGliteWrites.length).toBeGreaterThan(0);
      expect(new Set(modesWhilePGliteWrites)).toEqual(new Set([0o700]));
      expect(server.adminSecret).toBe('a-secret-someone-left-readable');
      // PGlite wrote about a thousand files, most of them 0666: none is left so.
      expect((await readdir(path.join(dataDir, 'pglite'), { recursive: true })).length).toBeGreaterThan(500);
      expect(await notPrivate(dataDir)).toEqual([]);
      const later = path.join(dataDir, 'pglite', 'written-later');
      await writeFile(later, 'x');
      await chmod(later, 0o666);
      await sweep!();
      expect(await notPrivate(dataDir)).toEqual([]);
    } finally {
      await server.close();
    }
    expect(sweep).toBeNull();
  });

  it("accepts Stripe's signed events with the desk's webhook secret, and refuses them without one", async () => {
    const post = async (url: string) => {
      const delivery = new StripeFake().signedDelivery({ id: 'evt_test_embedded', object: 'event', type: 'customer.created', data: { object: { id: 'cus_test' } } });
      const res = await fetch(new URL('/webhooks/stripe', url), { method: 'POST', headers: delivery.headers, body: delivery.payload });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    for (const secret of [FAKE_WEBHOOK_SECRET, undefined]) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-embedded-'));
      dirs.push(dataDir);
      const server = await startEmbeddedServer({ dataDir, port: 0, host: '127.0.0.1', stripeWebhookSecret: secret });
      try {
        const answer = await post(server.url);
        if (secret) expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } });
        else expect(answer.status).toBe(503);
      } finally {
        await server.close();
      }
    }
  });
});
