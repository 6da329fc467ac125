/**
 * A desk validates what it pulls (docs/design.md invariant 13): pages are checked before
 * anything is written, a page the check shortened still reads as full while the server has
 * more, and through the real replication — the first sync on Dexie (fake-indexeddb) and
 * RxDB's own downstream on memory — a bad document is never written, is reported once in
 * the sync status (once, however often a page brings it again), and does not make the desk
 * pull for ever; a later good version is taken, and only then does that document's notice go
 * (the others stay until their own correction comes, or someone dismisses them).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { createClinicDatabase } from '../../../shared/db/database.js';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../../shared/sync/protocol.js';
import type { PulledRejection } from '../../../shared/sync/document-validation.js';
import { checkedPull } from './checked-pull.js';
import { startDeskReplication } from './desk-replication.js';
import { SYNC_HEADERS } from '../../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';
import { inEnglish } from '../../../shared/i18n/translator.js';

/** The fake server speaks this desk's sync protocol, as a real one says in every answer. */
const SPEAKS = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };

function client(n: number, over: Record<string, unknown> = {}): WireDocument {
  return {
    id: `client-${String(n).padStart(2, '0')}`, firstName: `First${n}`, lastName: `Last${n}`, sortName: `last${n}`, searchText: `first${n} last${n}`,
    email: '', phone: '', address: '', dateOfBirth: '', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z', updatedBy: 'staff-1', deskId: 'desk-1',
    _deleted: false, ...over,
  };
}
const bad = (n: number) => client(n, { firstName: 'Kari\u0000' });

/** The clients collection of a server, by seq; every other collection empty. */
class PagedServer {
  readonly rows: WireDocument[] = [];
  readonly pulls: number[] = [];
  put(doc: WireDocument) {
    this.rows.push(doc);
  }
  page(from: number, limit: number): PullResponse {
    this.pulls.push(from);
    const docs = this.rows.slice(from, from + limit);
    return { documents: docs, checkpoint: { seq: from + docs.length } };
  }
  readonly fetch: typeof fetch = async (input) => {
    const url = new URL(String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...SPEAKS } });
    if (url.pathname === '/v1/sync/stream') {
      return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('data: {"type":"resync"}\n\n')) }), { status: 200, headers: SPEAKS });
    }
    const m = /^\/v1\/sync\/(\w+)\/(pull|push)$/.exec(url.pathname);
    if (!m) return new Response('{}', { status: 404 });
    const from = Number(url.searchParams.get('seq'));
    if (m[2] === 'push') return json({ conflicts: [], refusals: [] });
    if (m[1] !== 'clients') return json({ documents: [], checkpoint: { seq: from } });
    return json(this.page(from, Number(url.searchParams.get('limit'))));
  };
}

describe('checkedPull', () => {
  const run = async (server: PagedServer, from: number, size: number) => {
    const rejected: PulledRejection[] = [];
    const pull = checkedPull('clients', async (cp: SyncCheckpoint | undefined, n) => server.page(cp?.seq ?? 0, n), (r) => rejected.push(...r));
    return { page: await pull({ seq: from }, size), rejected };
  };

  it('hands a clean page over as it came', async () => {
    const server = new PagedServer();
    for (let n = 1; n <= 3; n++) server.put(client(n));
    const { page, rejected } = await run(server, 0, 3);
    expect(page).toEqual(server.page(0, 3));
    expect(rejected).toEqual([]);
  });

  it('leaves bad documents out and tops the page up while the server has more, at the server\'s checkpoint', async () => {
    const server = new PagedServer();
    [client(1), bad(2), client(3), bad(4), bad(5), bad(6), client(7), client(8)].forEach((d) => server.put(d));
    const { page, rejected } = await run(server, 0, 3);
    expect(page.documents.map((d) => d.id)).toEqual(['client-01', 'client-03', 'client-07', 'client-08']);
    expect(page.checkpoint).toEqual({ seq: 8 });
    expect(rejected.map((r) => [r.id, r.code, r.params.field])).toEqual([['client-02', 'invalid_document', 'firstName'], ['client-04', 'invalid_document', 'firstName'], ['client-05', 'invalid_document', 'firstName'], ['client-06', 'invalid_document', 'firstName']]);
  });

  it('ends with the server\'s last page, even when nothing of it may be written', async () => {
    const server = new PagedServer();
    [client(1), bad(2)].forEach((d) => server.put(d));
    expect((await run(server, 0, 3)).page).toEqual({ documents: [client(1)], checkpoint: { seq: 2 } });
    expect((await run(server, 1, 3)).page).toEqual({ documents: [], checkpoint: { seq: 2 } });
  });
});

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

const storages: Array<[string, () => RxStorage<unknown, unknown>]> = [
  ['Dexie, first sync', () => getRxStorageDexie() as RxStorage<unknown, unknown>],
  ['memory, RxDB downstream', () => getRxStorageMemory() as RxStorage<unknown, unknown>],
];

describe.each(storages)('a desk pulling bad documents (%s)', (_name, storage) => {
  it('writes the good ones, reports each bad one once, stops pulling, and takes a corrected version', async () => {
    const server = new PagedServer();
    [client(1), bad(2), client(3), client(4, { lines: [] }), client(5), client(6, { createdAt: 'yesterday' }), client(7, { email: 42 }), client(8, { _meta: { lwt: 1 } })].forEach((d) => server.put(d));
    const db = await createClinicDatabase({ storage: storage(), name: `checked-pull-${Math.random().toString(36).slice(2)}` });
    const replication = startDeskReplication(db, { serverUrl: 'http://sync.test/', deviceToken: 't', clinicId: 'c', actingStaff: () => 'staff-1', fetchImpl: server.fetch, batchSize: 3, retryTimeMs: 50 });
    opened.push(async () => {
      await replication.stop();
      await db.close();
    });
    await replication.awaitInitialReplication();

    expect((await db.clients.find().exec()).map((d) => d.id).sort()).toEqual(['client-01', 'client-03', 'client-05']);
    const status = replication.status$.value;
    expect(status.rejectedPulls.map((r) => [r.id, r.params.field])).toEqual([['client-02', 'firstName'], ['client-04', 'lines'], ['client-06', 'createdAt'], ['client-07', 'email'], ['client-08', '_meta']]);
    // One notice per document, each a Text read in each desk's language; not the sync's problem.
    expect(status.notices.map((n) => [n.key, n.kind])).toEqual(['client-02', 'client-04', 'client-06', 'client-07', 'client-08'].map((id) => [`clients/${id}`, 'notTaken']));
    expect(inEnglish(status.notices.at(-1)!.reason)).toMatch(/This desk did not take a client the sync server sent \("client-08"\)/);
    expect(status.problem).toBeNull();
    expect(status.stopped).toBe(false);

    // Settled: no pulling on and on.
    await replication.awaitInSync();
    const pulls = server.pulls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.pulls.length).toBe(pulls);

    // The last page was all rejected: RxDB keeps its checkpoint before an empty page, so a
    // resync brings it again — and nothing new is reported. Then the server gets a good version of client-02.
    await replication.states.get('clients')!.reSync();
    await replication.awaitInSync();
    server.put(client(2, { firstName: 'Kari' }));
    await replication.states.get('clients')!.reSync();
    await vi.waitFor(async () => expect((await db.clients.findOne('client-02').exec())?.firstName).toBe('Kari'));
    expect(replication.status$.value.rejectedPulls).toHaveLength(5);
    // Corrected, so no longer true: its notice goes, the others stay; one is dismissed.
    await vi.waitFor(() => expect(replication.status$.value.notices.map((n) => n.id)).toEqual(['client-04', 'client-06', 'client-07', 'client-08']));
    replication.dismiss('clients/client-07');
    expect(replication.status$.value.notices.map((n) => n.id)).toEqual(['client-04', 'client-06', 'client-08']);
    // Brought again as it was, it stays dismissed.
    await replication.states.get('clients')!.reSync();
    await replication.awaitInSync();
    expect(replication.status$.value.notices.map((n) => n.id)).toEqual(['client-04', 'client-06', 'client-08']);
  });
});
