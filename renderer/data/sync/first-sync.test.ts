/**
 * The first pull of an empty desk (first-sync.ts) against a small in-memory sync server: every
 * page lands with the conflict base RxDB would have stored, RxDB carries on from its
 * checkpoint, a change made on the desk during or after the first pull is pushed on the base
 * it was made on, and a document the server changes when the desk pushes it (as it numbers an
 * invoice) comes back — on Dexie (the desk's storage, here on fake-indexeddb, where pages are
 * written without reading until the desk writes something itself) and on memory storage
 * (RxDB's own downstream throughout: the same expectations hold).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { createClinicDatabase, type ClinicDatabase } from '../../../shared/db/database.js';
import type { PullResponse, PushRow, PushResponse, WireDocument } from '../../../shared/sync/protocol.js';
import { startDeskReplication, type DeskReplication } from './desk-replication.js';
import { SYNC_HEADERS } from '../../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';

/** The fake server speaks this desk's sync protocol, as a real one says in every answer. */
const SPEAKS = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Pull by seq, push with assumedMasterState checked against the stored state, and a stream that says "resync". */
class FakeServer {
  seq = 0;
  readonly rows = new Map<string, { doc: WireDocument; seq: number }>();
  readonly pulls: number[] = [];
  readonly pushes: PushRow[] = [];
  /** Runs before the server answers the n-th pull of clients (from 1). */
  beforePull: (n: number) => Promise<void> | void = () => undefined;
  /** What the server stores for a pushed document (the real one numbers completed invoices). */
  stores: (doc: WireDocument) => WireDocument = (doc) => doc;

  put(doc: WireDocument): void {
    this.rows.set(doc.id, { doc, seq: ++this.seq });
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...SPEAKS } });
    if (url.pathname === '/v1/sync/stream') {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: {"type":"resync"}\n\n'));
          init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
        },
      });
      return new Response(body, { status: 200, headers: SPEAKS });
    }
    const m = /^\/v1\/sync\/(\w+)\/(pull|push)$/.exec(url.pathname);
    if (!m) return new Response('{}', { status: 404 });
    const [, collection, op] = m;
    if (collection !== 'clients') return json(op === 'pull' ? { documents: [], checkpoint: { seq: Number(url.searchParams.get('seq')) } } : { conflicts: [], refusals: [] });
    if (op === 'pull') {
      const from = Number(url.searchParams.get('seq'));
      this.pulls.push(from);
      await this.beforePull(this.pulls.length);
      const page = [...this.rows.values()].filter((r) => r.seq > from).sort((a, b) => a.seq - b.seq).slice(0, Number(url.searchParams.get('limit')));
      const res: PullResponse = { documents: page.map((r) => r.doc), checkpoint: { seq: page.length ? page[page.length - 1]!.seq : from } };
      return json(res);
    }
    const rows = JSON.parse(String(init?.body)) as PushRow[];
    const conflicts: WireDocument[] = [];
    for (const row of rows) {
      this.pushes.push(row);
      const stored = this.rows.get(row.newDocumentState.id)?.doc;
      if (stored ? !row.assumedMasterState || canonical(row.assumedMasterState) !== canonical(stored) : row.assumedMasterState) {
        conflicts.push(stored ?? { ...row.newDocumentState, _deleted: true });
        continue;
      }
      this.put(this.stores(row.newDocumentState));
    }
    const res: PushResponse = { conflicts, refusals: [] };
    return json(res);
  };
}

function client(n: number, over: Partial<WireDocument> = {}): WireDocument {
  return {
    id: `client-${String(n).padStart(2, '0')}`, firstName: `First${n}`, lastName: `Last${n}`, sortName: `last${n}`, searchText: `first${n} last${n}`,
    email: '', phone: '', address: '', dateOfBirth: '', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z', updatedBy: 'staff-1', deskId: 'desk-1',
    _deleted: false, ...over,
  };
}

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

let dbCount = 0;
async function desk(storage: RxStorage<unknown, unknown>, server: FakeServer): Promise<{ db: ClinicDatabase; replication: DeskReplication }> {
  const db = await createClinicDatabase({ storage, name: `first-sync-${++dbCount}-${Date.now()}` });
  const replication = startDeskReplication(db, { serverUrl: 'http://sync.test/', deviceToken: 't', clinicId: 'c', actingStaff: () => 'staff-1', fetchImpl: server.fetch, batchSize: 3, retryTimeMs: 50 });
  opened.push(async () => {
    await replication.stop();
    await db.close();
  });
  return { db, replication };
}

async function metaOf(replication: DeskReplication, id: string): Promise<unknown> {
  const meta = replication.states.get('clients')!.metaInstance!;
  const [doc] = await meta.findDocumentsById([`${id}|0`], true);
  return (doc as { docData?: unknown } | undefined)?.docData;
}

const storages: Array<[string, () => RxStorage<unknown, unknown>]> = [
  ['Dexie', () => getRxStorageDexie() as RxStorage<unknown, unknown>],
  ['memory', () => getRxStorageMemory() as RxStorage<unknown, unknown>],
];

describe.each(storages)('first pull of an empty desk (%s)', (_name, storage) => {
  it('writes every page with its conflict base, keeps RxDB\'s checkpoint, and pushes a later edit on that base', async () => {
    const server = new FakeServer();
    for (let n = 1; n <= 7; n++) server.put(client(n));
    // Between pages the server takes a newer client-01, which the last page brings again.
    server.beforePull = (n) => {
      if (n === 2) server.put(client(1, { phone: '+47 400 00 001' }));
    };
    const { db, replication } = await desk(storage(), server);
    await replication.awaitInitialReplication();

    expect(server.pulls).toEqual([0, 3, 6]);
    const docs = await db.clients.find().exec();
    expect(docs.map((d) => d.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => client(n).id));
    expect((await db.clients.findOne('client-01').exec())!.phone).toBe('+47 400 00 001');
    for (const { doc } of server.rows.values()) expect(canonical(await metaOf(replication, doc.id))).toBe(canonical(doc));

    // A resync pulls from the checkpoint, not from the start.
    server.pulls.length = 0;
    await replication.states.get('clients')!.reSync();
    await replication.awaitInSync();
    await vi.waitFor(() => expect(server.pulls).toEqual([8]));

    await (await db.clients.findOne('client-02').exec())!.incrementalPatch({ lastName: 'Changed' });
    await vi.waitFor(() => expect(server.rows.get('client-02')!.doc.lastName).toBe('Changed'));
    const push = server.pushes.find((r) => r.newDocumentState.id === 'client-02')!;
    expect(canonical(push.assumedMasterState)).toBe(canonical(client(2)));
    expect(server.pushes.filter((r) => r.newDocumentState.id === 'client-02')).toHaveLength(1);
  });

  it('keeps a deleted document out of live queries, as RxDB does', async () => {
    const server = new FakeServer();
    for (let n = 1; n <= 4; n++) server.put(client(n));
    server.put({ ...client(5), _deleted: true });
    server.put(client(6));
    const { db, replication } = await desk(storage(), server);
    let live: string[] = [];
    const sub = db.clients.find().$.subscribe((docs) => { live = docs.map((d) => d.id); });
    await replication.awaitInitialReplication();
    await vi.waitFor(() => expect(live).toHaveLength(5));
    sub.unsubscribe();
    expect(live.sort()).toEqual([1, 2, 3, 4, 6].map((n) => client(n).id));
    expect((await db.clients.find().exec()).map((d) => d.id)).not.toContain(client(5).id);
  });

  it('takes the server\'s version of a document this desk pushed during the first pull (as the server numbers an invoice)', async () => {
    const server = new FakeServer();
    for (let n = 1; n <= 7; n++) server.put(client(n));
    // The server completes what it is sent, as it gives a completed invoice its number.
    server.stores = (doc) => (doc.id === 'client-20' ? { ...doc, email: 'numbered@server.test' } : doc);
    let db: ClinicDatabase | null = null;
    let pushedDuringFirstPull = false;
    server.beforePull = async (n) => {
      if (n !== 2) return;
      await db!.clients.insert({ ...client(20), _deleted: undefined } as never);
      // The push reaches the server before the next page is served, so that page carries the server's version.
      await vi.waitFor(() => expect(server.rows.has('client-20')).toBe(true), { timeout: 3_000, interval: 5 });
      pushedDuringFirstPull = true;
    };
    const opened = await desk(storage(), server);
    db = opened.db;
    await opened.replication.awaitInitialReplication();
    expect(pushedDuringFirstPull).toBe(true);
    await vi.waitFor(async () => {
      await opened.replication.states.get('clients')!.reSync();
      await opened.replication.awaitInSync();
      expect((await db!.clients.findOne('client-20').exec())!.email).toBe('numbered@server.test');
    }, { timeout: 5_000 });
    expect((await db.clients.find().exec()).length).toBe(8);
  });
});

describe('first pull of an empty desk (Dexie, where the pages are written directly)', () => {
  // Only where the first pull writes its pages itself: RxDB's own downstream keeps the first
  // page off the desk until the first pull ends, so there is no such moment to edit in.
  it('leaves a change made on the desk during the first pull alone and pushes it on the base it was made on', async () => {
    const server = new FakeServer();
    for (let n = 1; n <= 7; n++) server.put(client(n));
    let db: ClinicDatabase | null = null;
    server.beforePull = async (n) => {
      if (n !== 2) return;
      // Another desk changes client-01's phone; this desk changes its last name and adds a client.
      server.put(client(1, { phone: '+47 400 00 001' }));
      // The next page is fetched while the first one is written: the desk edits once it has it.
      const mine = await vi.waitFor(async () => (await db!.clients.findOne('client-01').exec())!, { timeout: 3_000, interval: 5 });
      await mine.incrementalPatch({ lastName: 'Desk' });
      await db!.clients.insert({ ...client(20), _deleted: undefined } as never);
    };
    const opened = await desk(getRxStorageDexie() as RxStorage<unknown, unknown>, server);
    db = opened.db;
    await opened.replication.awaitInitialReplication();
    // The server's later versions reach the desk as its stream would announce them (a resync).
    await vi.waitFor(async () => {
      await opened.replication.states.get('clients')!.reSync();
      await opened.replication.awaitInSync();
      expect(server.rows.get('client-01')!.doc).toMatchObject({ lastName: 'Desk', phone: '+47 400 00 001' });
      expect(server.rows.has('client-20')).toBe(true);
      expect((await db!.clients.findOne('client-01').exec())!.toJSON()).toMatchObject({ lastName: 'Desk', phone: '+47 400 00 001' });
    }, { timeout: 5_000 });
    // Both changes on both sides; every server document on the desk.
    const mine = await db.clients.findOne('client-01').exec();
    expect(mine!.toJSON()).toMatchObject({ lastName: 'Desk', phone: '+47 400 00 001' });
    expect((await db.clients.find().exec()).length).toBe(8);
    // The desk's change went out on the first pull's version of client-01 (then merged on the conflict).
    const first = server.pushes.find((r) => r.newDocumentState.id === 'client-01')!;
    expect(canonical(first.assumedMasterState)).toBe(canonical(client(1)));
  });
});
