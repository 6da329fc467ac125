/**
 * The first pull of a collection that is empty on this desk (docs/decisions/0013-first-sync.md).
 *
 * RxDB's downstream reads every pulled document twice from the collection and twice from the
 * replication's metadata before writing it, to compare with local changes. An empty collection
 * has nothing to compare with, so on RxDB's Dexie storage each page is written straight away
 * (directForkWriter: one transaction, no reads), with the change event the storage emits, under
 * RxDB's downstream context, so the UI, main's remote storage, the pending-changes count and
 * RxDB's upstream see a downstream write; then the metadata — made by RxDB's own
 * getMetaWriteRow from the same documents; then RxDB's checkpoint. Fetching the next page,
 * writing the collection and writing the metadata of the page before overlap. After the last
 * page RxDB's replication carries on from the checkpoint as if it had pulled the pages itself.
 *
 * Only while nothing else writes: as soon as the desk writes to the collection itself (a
 * booking made, a change edited — the transaction sees it), the page at hand goes to RxDB as
 * the pull's answer and RxDB's own downstream compares every document from then on. The
 * conflict bases are what RxDB would have stored: a document's metadata is the server's state
 * from the same page. Anywhere but RxDB's Dexie storage, RxDB's downstream does it all.
 */
import type { Subject } from 'rxjs';
import {
  createRevision, getChangedDocumentsSince, getHeightOfRevision, getMetaWriteRow, now, setCheckpoint,
  type BulkWriteRow, type EventBulk, type RxCollection, type RxDocumentData, type RxStorageChangeEvent, type RxStorageInstance,
  type RxStorageInstanceReplicationState, type RxStorageReplicationMeta, type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { fromDexieToStorage, fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../../shared/sync/protocol.js';

type Doc = { id: string };
type Meta = RxStorageReplicationMeta<Doc, SyncCheckpoint>;

export interface FirstSyncOptions {
  collection: RxCollection;
  /** The collection's replication: started, so its metadata instance is open. */
  replication: () => RxReplicationState<unknown, SyncCheckpoint> | undefined;
  pull: (checkpoint: SyncCheckpoint | undefined) => Promise<PullResponse>;
  batchSize: number;
}

export interface FirstSync {
  /**
   * The pull handler's answer when RxDB asks for the first page of a collection this desk has
   * never pulled: null when the collection is not empty (RxDB's own pull then runs), otherwise
   * an empty page at the checkpoint after everything written, so RxDB's downstream stops there.
   */
  run(checkpoint: SyncCheckpoint | undefined): Promise<PullResponse | null>;
  /** Resolves when no metadata write of a first pull is in flight. */
  settled(): Promise<void>;
}

export function firstSync(options: FirstSyncOptions): FirstSync {
  // Survives a failed page: RxDB retries the first pull, and this carries on where it stopped.
  let progress: { checkpoint: SyncCheckpoint; written: Map<string, string> } | null = null;
  let done = false;
  let metaWrite: Promise<void> = Promise.resolve();

  return {
    settled: () => metaWrite.catch(() => undefined),
    async run(checkpoint) {
      if (done || checkpoint) return null;
      const replication = options.replication();
      const state = replication?.internalReplicationState as RxStorageInstanceReplicationState<Doc> | undefined;
      const metaInstance = replication?.metaInstance as RxStorageInstance<Meta, unknown, unknown> | undefined;
      if (!replication || !state || !metaInstance) return null;
      // Marks a document as written by this replication, as RxDB's downstream does: should the
      // desk stop between a page and its metadata, RxDB's next pull recognises it and writes both.
      const origin = await options.collection.database.hashFunction(state.input.identifier);
      const context = await state.downstreamBulkWriteFlag;
      const direct = directForkWriter(options.collection, context, origin);
      const writeMeta = await dexieMetaWriter(metaInstance);
      // Not RxDB's own Dexie storage (memory in tests, a wrapper): RxDB's downstream does it all.
      if (!direct || !writeMeta) {
        done = true;
        return null;
      }
      const fork = options.collection.storageInstance as unknown as RxStorageInstance<Doc, unknown, unknown>;
      if (!progress) {
        // Only a collection with nothing in it, not even a deleted document.
        const any = await getChangedDocumentsSince(fork, 1);
        if (any.documents.length > 0) {
          done = true;
          return null;
        }
        progress = { checkpoint: { seq: 0 }, written: new Map() };
      }
      const { written } = progress;
      const stopped = () => replication.isStopped();

      let next: Promise<PullResponse> | null = options.pull(progress.checkpoint);
      try {
        while (next) {
          const page: PullResponse = await next;
          if (stopped()) break;
          const full = page.documents.length >= options.batchSize;
          // Pull the next page while this one is written.
          next = full ? options.pull(page.checkpoint) : null;
          next?.catch(() => undefined);
          const docs = page.documents.map(toDoc);
          const stored = docs.length > 0 ? await direct(docs, written) : [];
          if (!stored) {
            // The desk wrote to this collection meanwhile (a booking made, a change pushed and
            // answered): from this page on RxDB's own downstream compares each document with
            // the desk's version and its conflict base. It gets this page as the pull's answer
            // and, the page being full, pulls on from its checkpoint (the prefetched page is dropped).
            await metaWrite;
            done = true;
            return { documents: page.documents, checkpoint: page.checkpoint };
          }
          // Once a page is in the collection its metadata follows, even if replication stops.
          const byId = new Map(docs.map((d) => [d.id, d]));
          const metaRows = await Promise.all(stored.map((d) => {
            written.set(d.id, d._rev);
            return getMetaWriteRow(state, byId.get(d.id)!);
          }));
          await metaWrite;
          const pageCheckpoint = page.checkpoint;
          // The metadata goes in while the next page is written to the collection.
          metaWrite = (async () => {
            if (metaRows.length > 0) await writeMeta(metaRows);
            // RxDB's own checkpoint document, through RxDB's queue: a restart pulls from here.
            await setCheckpoint(state, 'down', pageCheckpoint);
            progress!.checkpoint = pageCheckpoint;
          })();
          // A failure shows at the next page or below, not as an unhandled rejection.
          metaWrite.catch(() => undefined);
        }
      } finally {
        // On a failed page, what was written stays (RxDB retries this pull, which resumes).
        await metaWrite.catch(() => undefined);
      }
      await metaWrite;
      done = true;
      return { documents: [], checkpoint: progress.checkpoint };
    },
  };
}

interface DexieTable {
  bulkPut(docs: unknown[]): Promise<unknown>;
  bulkGet(keys: string[]): Promise<unknown[]>;
  count(): Promise<number>;
}
interface DexieInternals {
  dexieDb: { transaction<T>(mode: 'rw', table: DexieTable, scope: () => Promise<T>): Promise<T> };
  dexieTable: DexieTable;
  booleanIndexes: string[];
}

let eventBulks = 0;

/**
 * On Dexie, a page goes into the collection's table in one transaction without reading it
 * first: the table holds exactly what this first pull wrote (its count says so), and a
 * document pulled again replaces only the version this first pull wrote. Otherwise nothing is
 * written and the caller takes the storage's own path from then on. The change event is the
 * one the storage would emit for the same write, under RxDB's downstream context.
 * Null when the collection is not on Dexie (memory storage in tests).
 */
function directForkWriter(collection: RxCollection, context: string, origin: string):
  ((docs: WithDeleted<Doc>[], written: ReadonlyMap<string, string>) => Promise<RxDocumentData<Doc>[] | null>) | null {
  // Only RxDB's Dexie instance itself: a wrapper in between (dev-mode validation, encryption)
  // must see every write, so then the storage's own path is taken.
  const inner = (collection.storageInstance as unknown as { originalStorageInstance?: unknown }).originalStorageInstance;
  if (!(inner instanceof RxStorageInstanceDexie)) return null;
  const changes$ = (inner as unknown as { changes$?: Subject<EventBulk<RxStorageChangeEvent<RxDocumentData<Doc>>, unknown>> }).changes$;
  if (!changes$ || typeof changes$.next !== 'function') return null;
  const database = collection.database;
  return async (docs, written) => {
    const internals = (await inner.internals) as Partial<DexieInternals> | undefined;
    if (!internals?.dexieDb || !internals.dexieTable || !internals.booleanIndexes) return null;
    const { dexieDb, dexieTable, booleanIndexes } = internals;
    const time = now();
    const firstRev = `1-${database.token}`;
    const events: RxStorageChangeEvent<RxDocumentData<Doc>>[] = [];
    const stored: RxDocumentData<Doc>[] = [];
    const ok = await database.lockedRun(() => dexieDb.transaction('rw', dexieTable, async () => {
      if ((await dexieTable.count()) !== written.size) return false;
      const again = docs.filter((d) => written.has(d.id)).map((d) => d.id);
      const previous = new Map<string, RxDocumentData<Doc>>();
      if (again.length > 0) {
        const inDb = await dexieTable.bulkGet(again);
        for (let i = 0; i < again.length; i++) {
          const doc = inDb[i] ? fromDexieToStorage<Doc>(booleanIndexes, inDb[i]) : undefined;
          if (!doc || doc._rev !== written.get(again[i]!)) return false;
          previous.set(doc.id, doc);
        }
      }
      for (const doc of docs) {
        const before = previous.get(doc.id);
        const _rev = before ? createRevision(database.token, before) : firstRev;
        const document = { ...doc, _meta: { lwt: time, o: { _rev: getHeightOfRevision(_rev), hash: origin } }, _rev, _attachments: {} } as RxDocumentData<Doc>;
        stored.push(document);
        // As RxDB's storage does: a deleted document stored for the first time is no event
        // (live queries would otherwise show it), deleted again is a DELETE.
        if (before) events.push({ documentId: doc.id, operation: document._deleted ? 'DELETE' : before._deleted ? 'INSERT' : 'UPDATE', documentData: document, previousDocumentData: before });
        else if (!document._deleted) events.push({ documentId: doc.id, operation: 'INSERT', documentData: document, previousDocumentData: undefined });
      }
      await dexieTable.bulkPut(stored.map((d) => fromStorageToDexie(booleanIndexes, d)));
      return true;
    }));
    if (!ok) return null;
    if (events.length > 0) {
      // All share one lwt, so the checkpoint after them is at the largest id.
      const lastId = stored.reduce((max, d) => (d.id > max ? d.id : max), stored[0]!.id);
      changes$.next({ id: `first-sync-${++eventBulks}-${time}`, events, checkpoint: { id: lastId, lwt: time }, context });
    }
    return stored;
  };
}

/** The pulled document as RxDB's replication hands it to its downstream. */
function toDoc(doc: WireDocument): WithDeleted<Doc> {
  return { ...doc, _deleted: !!doc._deleted };
}

/**
 * Writes metadata rows straight into the metadata's Dexie table (one write, no read: the rows
 * are complete and replace any earlier row of the same document). The only other writer of
 * these rows during a first pull is RxDB's upstream: a change made on this desk waits for the
 * write in flight (waitBeforePersist) and makes the first pull hand over to RxDB's downstream,
 * and a resync from the server's stream is held back until the first pull ends
 * (desk-replication.ts), so the upstream never reads a page before its conflict bases are in.
 * Null when the metadata is not on RxDB's Dexie storage.
 */
async function dexieMetaWriter(metaInstance: RxStorageInstance<Meta, unknown, unknown>): Promise<((rows: BulkWriteRow<Meta>[]) => Promise<void>) | null> {
  const internals = metaInstance instanceof RxStorageInstanceDexie ? (await metaInstance.internals) as Partial<DexieInternals> : undefined;
  if (!internals?.dexieTable || !internals.booleanIndexes) return null;
  const { dexieTable, booleanIndexes } = internals;
  return async (rows) => {
    await dexieTable.bulkPut(rows.map((r) => fromStorageToDexie(booleanIndexes, r.document)));
  };
}
