/**
 * Sync speed (goals: docs/design.md, Goals), all on loopback with the real server on PostgreSQL:
 *  - initial sync of an empty desk (browser host mode, Chromium) from a server holding
 *    20,000 bookings, 20,000 invoices and 25,000 payments: documents per second, and the
 *    ratio to a raw Dexie bulkPut of the same documents in the same browser (goal ≤ 3×);
 *  - incremental latency: a write on desk A (the app's replication client in Node) until
 *    desk B's calendar (in Chromium) shows it: p50 and p95 (goal p95 < 1 s);
 *  - server: pushes and pulls per second with 20 desks syncing at once.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test, type Page } from '@playwright/test';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { buildServer } from '../server/app.js';
import { openStore } from '../server/store/open-store.js';
import { startPostgres } from '../server/test-support/postgres.js';
import { DEMO_DESK, demoClinic } from '../shared/domain/demo-clinic.js';
import { newId } from '../shared/domain/ids.js';
import { localDateOf, wallTimeToInstant, parseLocalDate } from '../shared/domain/time.js';
import { createClinicDatabase } from '../shared/db/database.js';
import { createClient } from '../shared/db/client-commands.js';
import { createBooking } from '../shared/db/booking-commands.js';
import type { PaymentDoc } from '../shared/schemas/index.js';
import { PULL_LIMIT_MAX, ROUTES, type PullResponse, type PushResponse } from '../shared/sync/protocol.js';
import { startDeskReplication } from '../renderer/data/sync/desk-replication.js';
import { writeSyncConfig } from '../electron/services/sync/desk-sync-config.js';
import { freePort, openDesk, startHostProcess, stopAllHosts, tempDir } from '../e2e/support/desk.js';
import { createClinicWithDesks, http as call, pushAll } from '../e2e/support/sync-client.js';
import { SignInPage } from '../e2e/pages/sign-in-page.js';
import { ms, percentile, writeSection } from './support/report.js';
import { startProfile, stopProfile } from './support/cpu-profile.js';

const ADMIN_SECRET = 'bench-admin-secret';
const LATENCY_SAMPLES = 40;
const SERVER_DESKS = 20;
const SERVER_SECONDS = 10;
const INITIAL_RUNS = Number(process.env.SYNC_BENCH_RUNS) || 5;
/** SYNC_BENCH_INITIAL_ONLY=1: only the initial sync runs (for trying changes); BENCHMARKS.md is left alone. */
const INITIAL_ONLY = Boolean(process.env.SYNC_BENCH_INITIAL_ONLY);

test.afterEach(stopAllHosts);

/** A page on another origin with Dexie, to time a raw bulkPut of the same documents. */
async function dexiePage(docsByTable: Record<string, unknown[]>): Promise<{ url: string; close(): Promise<void> }> {
  const dexie = fs.readFileSync(path.resolve(import.meta.dirname, '../node_modules/dexie/dist/dexie.js'));
  const body = JSON.stringify(docsByTable);
  const server = http.createServer((req, res) => {
    if (req.url === '/dexie.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(dexie);
    else if (req.url === '/docs.json') res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dexie bench</title><script src="/dexie.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

async function rawDexieMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(async (batchSize) => {
    const docs = (await (await fetch('/docs.json')).json()) as Record<string, unknown[]>;
    const D = (window as unknown as { Dexie: new (name: string) => { version(n: number): { stores(s: Record<string, string>): void }; table(n: string): { bulkPut(d: unknown[]): Promise<unknown> }; open(): Promise<void> } }).Dexie;
    // The same tables and indexes RxDB's Dexie storage makes for these collections.
    const db = new D('raw-bench');
    db.version(1).stores({
      bookings: 'id, [_deleted+id], start, [practitionerId+start], [clientId+start], [_meta.lwt+id], _meta.lwt',
      invoices: 'id, [_deleted+id], [clientId+createdAt], [status+createdAt], number, [status+dueDate], [_meta.lwt+id], _meta.lwt',
      payments: 'id, [_deleted+id], [invoiceId+at], [clientId+at], at, [_meta.lwt+id], _meta.lwt',
    });
    await db.open();
    const started = performance.now();
    for (const [table, list] of Object.entries(docs)) {
      // Batches of the replication's pull size.
      for (let i = 0; i < list.length; i += batchSize) {
        const batch = list.slice(i, i + batchSize).map((d) => ({ ...(d as object), _deleted: '0', _meta: { lwt: performance.now() } }));
        await db.table(table).bulkPut(batch);
      }
    }
    return performance.now() - started;
  }, PULL_LIMIT_MAX);
}

test('sync: initial sync, incremental latency, and server throughput', async () => {
  test.setTimeout(20 * 60_000);
  const cluster = await startPostgres();
  const store = await openStore({ databaseUrl: await cluster.createDatabase() });
  const app = buildServer({ store, adminSecret: ADMIN_SECRET });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const lines: string[] = [];
  try {
    // ---- A clinic holding 20,000 bookings, 20,000 invoices and 25,000 payments.
    const demo = demoClinic({ now: new Date(), bookings: 20_000, practitioners: 12, clients: 2500, perPractitionerDay: 5 });
    const admin = demo.staff[0]!;
    const [deskA, deskB] = await createClinicWithDesks(serverUrl, ADMIN_SECRET, { ...admin, _deleted: false }, 2);
    const payments: PaymentDoc[] = Array.from({ length: 25_000 }, (_, i) => {
      const inv = demo.invoices[i % demo.invoices.length]!;
      return { id: newId(), kind: 'payment', invoiceId: inv.id, clientId: inv.clientId, method: 'card_terminal', amountMinor: 10_000 + (i % 500), currency: 'NOK', at: new Date(Date.now() - i * 60_000).toISOString(), recordedBy: admin.id, recordedOn: DEMO_DESK, tenderedMinor: 0, externalRef: '' };
    });
    const seedStart = Date.now();
    const push = (c: Parameters<typeof pushAll>[3], docs: Record<string, unknown>[]) => pushAll(serverUrl, deskA!.deviceToken, admin.id, c, docs);
    await push('staff', demo.staff.slice(1) as never[]);
    await push('services', demo.services as never[]);
    await push('clients', demo.clients as never[]);
    await push('bookings', demo.bookings as never[]);
    await push('invoices', demo.invoices as never[]);
    await push('payments', payments as never[]);
    await push('settings', [demo.settings] as never[]);
    const totalDocs = 1 + demo.staff.length + demo.services.length + demo.clients.length + demo.bookings.length + demo.invoices.length + payments.length;
    const seedSeconds = (Date.now() - seedStart) / 1000;

    // ---- Initial sync of an empty desk in Chromium, against a raw Dexie bulkPut of the same
    // documents in the same browser right after. Both vary from run to run on a 2-core machine
    // (the raw baseline alone by ±20 %), so each is measured INITIAL_RUNS times on fresh desks
    // and the ratio reported is the median of the per-run ratios.
    const raw = await dexiePage({ bookings: demo.bookings, invoices: demo.invoices, payments });
    const runs: { initialMs: number; dexieMs: number }[] = [];
    let b: Awaited<ReturnType<typeof openDesk>> | null = null;
    let host: Awaited<ReturnType<typeof startHostProcess>> | null = null;
    for (let run = 0; run < INITIAL_RUNS; run++) {
      if (b) await b.context.close();
      if (host) await host.stop();
      const dataDir = tempDir(`bench-sync-b${run}`);
      writeSyncConfig(dataDir, { serverUrl: `${serverUrl}/`, clinicId: deskB!.clinicId, deviceId: deskB!.deviceId, deviceToken: deskB!.deviceToken, embedded: false });
      host = await startHostProcess({ port: await freePort(), dataDir });
      b = await openDesk(tempDir(`bench-sync-profile${run}`), host.url);
      // SYNC_BENCH_PROFILE=1: a CPU profile of the first desk's main thread during its initial sync.
      const cdp = process.env.SYNC_BENCH_PROFILE && run === 0 ? await b.context.newCDPSession(b.page) : null;
      if (cdp) await startProfile(cdp);
      await b.page.waitForFunction(() => performance.getEntriesByName('sync:initial').length > 0, null, { timeout: 15 * 60_000 });
      if (cdp) console.log((await stopProfile(cdp, 40, path.resolve(import.meta.dirname, '../bench-results/sync-initial.cpuprofile'))).join('\n'));
      const initialMs = await b.page.evaluate(() => performance.getEntriesByName('sync:initial')[0]!.duration);
      const rawPage = await b.context.newPage();
      const dexieMs = await rawDexieMs(rawPage, raw.url);
      await rawPage.close();
      runs.push({ initialMs, dexieMs });
      console.log(`initial sync run ${run + 1}: ${(initialMs / 1000).toFixed(1)} s, raw Dexie ${(dexieMs / 1000).toFixed(1)} s, ratio ${(initialMs / dexieMs).toFixed(2)}`);
    }
    await raw.close();
    if (!b || !host) throw new Error('no initial sync run');
    if (INITIAL_ONLY) {
      const ratios = runs.map((r) => r.initialMs / r.dexieMs);
      console.log(`initial sync ÷ raw Dexie: median ${percentile(ratios, 50).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')}); sync median ${(percentile(runs.map((r) => r.initialMs), 50) / 1000).toFixed(1)} s`);
      await b.context.close();
      await host.stop();
      return;
    }

    // ---- Incremental latency: desk A (Node, the app's replication client) → desk B's calendar.
    await new SignInPage(b.page).signIn(admin.name);
    await b.page.getByRole('button', { name: 'Day', exact: true }).click();
    const dbA = await createClinicDatabase({ storage: getRxStorageMemory(), name: 'bench-desk-a' });
    const replicationA = startDeskReplication(dbA, { serverUrl, deviceToken: deskA!.deviceToken, clinicId: deskA!.clinicId, actingStaff: () => admin.id });
    await replicationA.awaitInitialReplication();
    await b.page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.booking')) {
          const m = /Latency(\d+)/.exec(el.textContent ?? '');
          if (m && !(m[1]! in seen)) seen[m[1]!] = Date.now();
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const today = localDateOf(new Date(), 'Europe/Oslo');
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const client = await createClient(dbA, { firstName: 'Bench', lastName: `Latency${i}`, email: '', phone: '', dateOfBirth: '' }, today, { actor: admin.id, desk: DEMO_DESK, now: new Date().toISOString() });
      await new Promise((r) => setTimeout(r, 150));
      const start = wallTimeToInstant({ ...parseLocalDate(today), hour: 6, minute: (i % 4) * 15 }, 'Europe/Oslo').toISOString();
      const writtenAt = Date.now();
      await createBooking(dbA, { clientId: client.id, serviceId: demo.services[0]!.id, practitionerId: demo.staff[(i % 11) + 1]!.id, start, billing: 'external', confirmOverlap: true }, { actor: admin.id, desk: DEMO_DESK, now: new Date().toISOString() });
      await b.page.waitForFunction((n) => String(n) in (window as unknown as { __seen: Record<string, number> }).__seen, i, { timeout: 30_000 });
      const seenAt = await b.page.evaluate((n) => (window as unknown as { __seen: Record<string, number> }).__seen[String(n)]!, i);
      latencies.push(seenAt - writtenAt);
    }
    await replicationA.stop();
    await dbA.close();
    await b.context.close();
    await host.stop();

    // ---- Server throughput: 20 desks pushing and pulling at once.
    const desks = await createClinicWithDesks(serverUrl, ADMIN_SECRET, { ...admin, id: `bench-${newId().slice(0, 8)}`, _deleted: false }, SERVER_DESKS);
    const staffId = (await call<PullResponse>(`${serverUrl}${ROUTES.pull('staff')}?seq=0&limit=10`, { method: 'GET', token: desks[0]!.deviceToken })).documents[0]!.id;
    let pushes = 0;
    let pulls = 0;
    let pushedDocs = 0;
    const until = Date.now() + SERVER_SECONDS * 1000;
    await Promise.all(desks.map(async (desk, d) => {
      let seq = 0;
      let n = 0;
      while (Date.now() < until) {
        const rows = Array.from({ length: 10 }, () => ({ newDocumentState: { ...demo.bookings[(d * 997 + n++) % demo.bookings.length]!, id: newId(), updatedBy: staffId, _deleted: false } }));
        await call<PushResponse>(`${serverUrl}${ROUTES.push('bookings')}`, { method: 'POST', token: desk.deviceToken, staff: staffId, body: rows });
        pushes++;
        pushedDocs += rows.length;
        const page = await call<PullResponse>(`${serverUrl}${ROUTES.pull('bookings')}?seq=${seq}&limit=200`, { method: 'GET', token: desk.deviceToken, staff: staffId });
        seq = page.checkpoint.seq;
        pulls++;
      }
    }));

    const median = (xs: number[]) => percentile(xs, 50);
    const initialMs = median(runs.map((r) => r.initialMs));
    const dexieMs = median(runs.map((r) => r.dexieMs));
    const ratios = runs.map((r) => r.initialMs / r.dexieMs);
    const ratio = median(ratios);
    const docsPerSecond = totalDocs / (initialMs / 1000);
    const p95 = percentile(latencies, 95);
    lines.push(
      '## Sync',
      '',
      `Loopback, server on PostgreSQL 15 (private cluster), seeded with ${totalDocs} documents in ${seedSeconds.toFixed(1)} s of pushes.`,
      '',
      '| measure | figure | goal | |',
      '|---|---|---|---|',
      `| initial sync of an empty desk (Chromium, browser host mode), median of ${runs.length} fresh desks | ${totalDocs} docs in ${(initialMs / 1000).toFixed(1)} s = **${Math.round(docsPerSecond)} docs/s** | | |`,
      `| raw Dexie bulkPut of the 65,000 bookings, invoices and payments, same browser right after each sync, median | ${(dexieMs / 1000).toFixed(1)} s | | |`,
      `| initial sync ÷ raw Dexie, median of the per-run ratios (${ratios.map((r) => r.toFixed(2)).join(', ')}) | **${ratio.toFixed(2)}×** | ≤ 3× | ${ratio <= 3 ? 'met' : 'NOT met'} |`,
      `| incremental latency, write on desk A → on desk B's calendar (${latencies.length} samples) | p50 ${ms(percentile(latencies, 50))}, **p95 ${ms(p95)}**, max ${ms(Math.max(...latencies))} | p95 < 1000 ms | ${p95 < 1000 ? 'met' : 'NOT met'} |`,
      `| server, ${SERVER_DESKS} desks at once for ${SERVER_SECONDS} s (push 10 bookings, then pull) | **${(pushes / SERVER_SECONDS).toFixed(0)} pushes/s** (${(pushedDocs / SERVER_SECONDS).toFixed(0)} docs/s), **${(pulls / SERVER_SECONDS).toFixed(0)} pulls/s** | | |`,
      '',
      'Where the initial sync goes (CPU profile of the renderer): the server hands out 20,000 documents in',
      '~0.3 s; the rest is IndexedDB work in Chromium\'s browser process (the renderer\'s main thread is about half idle,',
      'waiting for it). Every pulled document is written twice, to its collection and to the replication\'s metadata (its',
      'conflict base), against one write for the raw bulkPut. RxDB\'s own downstream also reads each document twice from',
      'each store before writing; an empty collection\'s first pull skips those reads and overlaps fetching, the',
      'collection write and the metadata write (docs/decisions/0013-first-sync.md): 2.92× → the figure above on this',
      'machine. Tried and measured before that: pages of 1000 → 2000 → 5000 (4.0× → ~3.2× → ~3.0×, kept; the raw baseline',
      'uses the same batches), no cross-tab broadcast (kept), prefetching the next page alone (no gain), 10,000-document',
      'pages, Dexie\'s cache off and a later remote-storage exposure (no gain), and an earlier one-time import for empty',
      'desks (slower: it lost the overlap of pulling and writing, which this one keeps). Each figure is the median of',
      'fresh desks, because single runs vary by ±10 % here; the per-run ratios are listed above.',
    );
    const body = lines.join('\n');
    console.log(body);
    writeSection('sync', body);
  } finally {
    await app.close();
    await store.close();
    await cluster.stop();
  }
});
