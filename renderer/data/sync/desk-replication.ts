/**
 * Replicates every synced collection of a desk's database with the clinic's sync
 * server: pull from the server's checkpoint, push with assumedMasterState, and pull
 * again whenever the stream says something changed. Runs while the window is hidden
 * (a minimised front-desk window must keep syncing). Used by the renderer and, with
 * Node's fetch, by the sync fault suite.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schemas/index.js';
import { syncState } from '../../../shared/sync/conflicts.js';
import { COLLECTION_POLICIES } from '../../../shared/sync/collections.js';
import { PULL_LIMIT_MAX, type PushRefusal, type SyncCheckpoint, type WireDocument } from '../../../shared/sync/protocol.js';
import { checkPulledDocuments, type PulledRejection } from '../../../shared/sync/document-validation.js';
import { noteRefusals, noteTaken, refusalKey, watchNeedsAttention } from '../../../shared/db/needs-attention.js';
import { awaitsNumber } from '../../../shared/domain/invoice-numbering.js';
import { checkedPull } from './checked-pull.js';
import { startCommandOutbox, type HandlerRow } from './command-outbox.js';
import { isKeptWhenRefused } from './kept-when-refused.js';
import { firstSync } from './first-sync.js';
import { PendingChanges } from './pending-changes.js';
import { SyncError, SyncHttp, type SyncTarget } from './sync-http.js';
import { openSyncStream } from './sync-stream.js';
import { SyncNotices, type SyncNotice } from './sync-notices.js';
import { deskClock } from '../../app/desk-clock.js';
import type { Text } from '../../../shared/i18n/text.js';
import { answerText } from '../words.js';

export interface SyncStatus {
  /** The stream to the server is open. */
  connected: boolean;
  /** The last request reached the server (false after a network failure, until one succeeds). */
  reachable: boolean;
  /** Local changes the server has not taken yet. */
  pending: number;
  /** When a pull or push last succeeded (ISO instant), or null. */
  lastSyncAt: string | null;
  /**
   * Why sync stopped, or why the last request to the server failed, as a Text for the reader's
   * Translator; null when all is well (the next request that succeeds clears it). What concerns
   * one change — waiting, refused, not written — is in `notices`, never here.
   */
  problem: Text | null;
  /**
   * What the status bar says about particular changes, each naming its document and each gone
   * once it is no longer true or was dismissed (sync-notices.ts). The lasting record of a
   * refusal is the Needs-attention list.
   */
  notices: readonly SyncNotice[];
  /** True when sync cannot continue until someone acts (e.g. a revoked desk). */
  stopped: boolean;
  /** This run's latest refusals (the lasting record is shared/db/needs-attention.ts). */
  refusals: PushRefusal[];
  /** Pulled documents this desk did not write because they fail its validation (invariant 13). */
  rejectedPulls: PulledRejection[];
}

export interface DeskReplicationOptions extends SyncTarget {
  clinicId: string;
  /** The staff member signed in on this desk: recorded by the server on every write. */
  actingStaff: () => string | null;
  fetchImpl?: typeof fetch;
  /** Pull and push batch size. */
  batchSize?: number;
  retryTimeMs?: number;
}

export interface DeskReplication {
  readonly status$: BehaviorSubject<SyncStatus>;
  /** Resolves when everything local has been pushed and everything remote pulled. */
  awaitInSync(): Promise<void>;
  /** Resolves when the first pull of every collection has finished. */
  awaitInitialReplication(): Promise<void>;
  /** The person at the desk has read this notice (its key): it goes until something new is said about that change. */
  dismiss(key: string): void;
  stop(): Promise<void>;
  readonly states: ReadonlyMap<CollectionName, RxReplicationState<unknown, SyncCheckpoint>>;
}

const REPLICATION_CONTEXT = /^replication/;

export function startDeskReplication(db: ClinicDatabase, options: DeskReplicationOptions): DeskReplication {
  const fetchImpl = options.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const http = new SyncHttp(options, options.actingStaff, fetchImpl);
  const pending = new PendingChanges();
  const status$ = new BehaviorSubject<SyncStatus>({ connected: false, reachable: true, pending: 0, lastSyncAt: null, problem: null, notices: [], stopped: false, refusals: [], rejectedPulls: [] });
  const update = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  // A request went through: whatever the last failure was is over (a stopped desk stays stopped).
  const synced = () => update({ reachable: true, lastSyncAt: deskClock().toISOString(), ...(status$.value.stopped ? {} : { problem: null }) });
  const notices = new SyncNotices();
  // Each rejected document is listed once, however often a page brings it again; its notice
  // stays until a version this desk takes comes (or someone dismisses it).
  const rejectPulled = (rejected: PulledRejection[]) => {
    const seen = new Set(status$.value.rejectedPulls.map((r) => `${r.collection}/${r.id}/${r.message}`));
    const fresh = rejected.filter((r) => !seen.has(`${r.collection}/${r.id}/${r.message}`));
    if (fresh.length > 0) update({ rejectedPulls: [...status$.value.rejectedPulls, ...fresh].slice(-20) });
    for (const r of rejected) notices.set({ key: refusalKey(r.collection, r.id), collection: r.collection, id: r.id, kind: 'notTaken', reason: answerText(r) });
  };
  const resync$ = new Map<CollectionName, () => void>();
  const streams: Subject<'RESYNC'>[] = [];
  const states = new Map<CollectionName, RxReplicationState<unknown, SyncCheckpoint>>();
  const subs: Array<{ unsubscribe(): void }> = [];

  const fail = (err: unknown): never => {
    if (err instanceof SyncError && err.status === 0) update({ reachable: false });
    if (err instanceof SyncError && err.needsAttention) {
      update({ problem: err.text, stopped: true });
      void stopAll();
    }
    throw err;
  };

  subs.push(pending.count$.subscribe((n) => update({ pending: n })));
  subs.push(notices.notices$.subscribe((list) => update({ notices: list })));
  // A refusal's notice goes with its Needs-attention entry (accepted again and taken, set aside).
  subs.push(watchNeedsAttention(db).subscribe((entries) => notices.followList(new Set(entries.map((e) => e.key)))));

  // Whether each collection's replication is idle (nothing queued or retrying), for the outbox.
  const idle = new Map<CollectionName, boolean>();
  // A command's documents go to the server together (command-outbox.ts).
  const outbox = startCommandOutbox({
    db, http, pending, notices, now: deskClock,
    collectionIdle: (c) => idle.get(c) ?? false,
    resync: (collections) => { for (const c of collections) resync$.get(c)?.(); },
    report: ({ refusals, problem, reachable, fatal }) => {
      if (fatal) {
        update({ problem: fatal.text, stopped: true });
        void stopAll();
        return;
      }
      if (refusals) update({ refusals: [...status$.value.refusals, ...refusals].slice(-20) });
      if (reachable === false) update({ reachable: false });
      if (reachable === true) synced();
      if (problem !== undefined) update({ problem });
    },
  });

  for (const name of COLLECTION_NAMES) {
    const collection = db[name] as ClinicDatabase['bookings'];
    // Count the desk's own writes (not the replication's) as pending until pushed.
    subs.push(collection.storageInstance.changeStream().subscribe((bulk: { context: string; events: { documentId: string }[] }) => {
      if (REPLICATION_CONTEXT.test(bulk.context)) return;
      for (const ev of bulk.events) pending.mark(name, ev.documentId);
    }));
    const stream = new Subject<'RESYNC'>();
    streams.push(stream);
    // A resync makes RxDB's upstream read the collection for changes to push. While the first
    // pull writes pages whose conflict bases are still going in, it would find documents with
    // no base and push them all; so a resync then waits until the first pull is done.
    let firstPullRunning = false;
    let resyncHeld = false;
    resync$.set(name, () => {
      if (firstPullRunning) resyncHeld = true;
      else stream.next('RESYNC');
    });
    const pullBatchSize = Math.min(options.batchSize ?? PULL_LIMIT_MAX, PULL_LIMIT_MAX);
    // What the server sends is checked before either pull below writes it (checked-pull.ts).
    const pullPage = checkedPull(name, async (checkpoint, size) => {
      const res = await http.pull(name, checkpoint, size).catch(fail);
      synced();
      return res;
    }, rejectPulled, (valid) => notices.resolve(valid.map((d) => refusalKey(name, d.id)), 'notTaken'));
    // An empty collection's first pull writes the pages itself (docs/decisions/0013-first-sync.md).
    const first = firstSync({
      collection: collection as never,
      replication: () => states.get(name),
      batchSize: pullBatchSize,
      pull: (checkpoint) => pullPage(checkpoint, pullBatchSize),
    });
    const state = replicateRxCollection<unknown, SyncCheckpoint>({
      // Per clinic: a desk enrolled in another clinic starts from its own checkpoint.
      replicationIdentifier: `frontdesk-sync-${options.clinicId}-${name}`,
      collection: collection as never,
      live: true,
      retryTime: options.retryTimeMs ?? 2000,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: true,
      pull: {
        // The server's largest page: fewer, larger writes make a first sync faster.
        batchSize: pullBatchSize,
        stream$: stream.asObservable(),
        handler: async (checkpoint, batchSize) => {
          firstPullRunning = true;
          let firstPull;
          try {
            firstPull = await first.run(checkpoint ?? undefined);
          } finally {
            firstPullRunning = false;
            if (resyncHeld) {
              resyncHeld = false;
              stream.next('RESYNC');
            }
          }
          if (firstPull) return { documents: firstPull.documents as never[], checkpoint: firstPull.checkpoint };
          const res = await pullPage(checkpoint ?? undefined, batchSize);
          return { documents: res.documents as never[], checkpoint: res.checkpoint };
        },
      },
      push: {
        batchSize: options.batchSize ?? 200,
        // A local change waits for the first pull's metadata write in flight, so it is pushed
        // with the base it was made on.
        waitBeforePersist: () => first.settled(),
        handler: async (rows) => {
          // A command's rows wait in the outbox for the rest of their command; RxDB counts them pushed.
          const own = await outbox.divert(name, rows as unknown as HandlerRow[]).catch(fail);
          if (own.length === 0) return [];
          // Only the synced content goes out: a base RxDB's schema migration rewrote carries its
          // local `_attachments`, which would make the server see a conflict
          // (docs/decisions/0014-schema-versions.md).
          const wire = own.map((r) => ({
            newDocumentState: syncState(r.newDocumentState) as WireDocument,
            ...(r.assumedMasterState ? { assumedMasterState: syncState(r.assumedMasterState) as WireDocument } : {}),
          }));
          const snapshot = pending.snapshot(name, wire.map((r) => r.newDocumentState.id));
          const res = await http.push(name, wire).catch(fail);
          // What a document names has not reached the server yet (a payment pushed before its
          // invoice, a booking before its client: `retryable`, decision 0018). Nothing is taken
          // back and nothing counts as pushed: RxDB sends the whole push again after its retry
          // time, as after a lost answer, and the rows the server took meanwhile come back unchanged.
          const waiting = res.refusals.filter((r) => r.retryable);
          if (waiting.length > 0) {
            // Said of each change that waits, by name, until the server answers it otherwise.
            for (const r of waiting) {
              const row = wire.find((w) => w.newDocumentState.id === r.id);
              notices.set({ key: refusalKey(name, r.id), collection: name, id: r.id, kind: 'waiting', reason: answerText(r), ...(row ? { sent: row.newDocumentState } : {}) });
            }
            throw new SyncError(409, waiting[0]!.code, answerText(waiting[0]!));
          }
          // An invoice the server numbered as it took it comes back at once as the server's state
          // (checked like a pull): a pull could pass it by while this push was still on its way.
          const numbered = checkPulledDocuments(name, (res.numbered ?? []).filter((d) => wire.some((r) => r.newDocumentState.id === d.id)));
          if (numbered.rejected.length > 0) rejectPulled(numbered.rejected);
          const conflicts = [...res.conflicts, ...numbered.valid.filter((d) => !res.conflicts.some((c) => c.id === d.id))];
          if (res.refusals.length > 0) {
            // A refused change to a record is taken back on this desk: the server's state (what
            // the desk assumed it had) wins, or a tombstone for a record the server never took.
            // A refused fact — a payment, refund, message, log entry or a numbered invoice — is
            // never deleted (docs/design.md invariants 2, 3, 13): it stays on this desk and the
            // refusal is shown for someone to resolve.
            const conflictIds = new Set(conflicts.map((c) => c.id));
            for (const refusal of res.refusals) {
              const row = wire.find((r) => r.newDocumentState.id === refusal.id);
              if (!row || conflictIds.has(refusal.id)) continue;
              if (isKeptWhenRefused(name, row.newDocumentState)) continue;
              conflicts.push(row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true });
            }
            // Shown in the Needs-attention list, not as the sync problem: it is no fault of the sync.
            update({ refusals: [...status$.value.refusals, ...res.refusals].slice(-20) });
          }
          // The Needs-attention list (shared/db/needs-attention.ts) keeps each refusal, with what was
          // sent, until the server takes that document. A conflict on a fact means the server holds
          // that fact already; on a record it means another version, which RxDB resolves and sends
          // again, so its entry stays until then.
          const refusedIds = new Set(res.refusals.map((r) => r.id));
          const conflicted = new Set(res.conflicts.map((c) => c.id));
          await noteRefusals(db, name, res.refusals, (id) => {
            const row = wire.find((r) => r.newDocumentState.id === id);
            return { kept: row !== undefined && isKeptWhenRefused(name, row.newDocumentState), sent: row?.newDocumentState };
          }, deskClock().toISOString());
          const appendOnly = COLLECTION_POLICIES[name].appendOnly;
          const taken = wire.map((r) => r.newDocumentState.id).filter((id) => !refusedIds.has(id) && (appendOnly || !conflicted.has(id)));
          await noteTaken(db, name, taken);
          // What the server took needs no word any more; a conflict is an answer too, so nothing waits.
          notices.resolve(taken.map((id) => refusalKey(name, id)));
          notices.resolve([...conflicted].filter((id) => !refusedIds.has(id)).map((id) => refusalKey(name, id)), 'waiting');
          // Each refused change is named in the status bar while its Needs-attention entry lasts.
          for (const refusal of res.refusals) {
            const row = wire.find((r) => r.newDocumentState.id === refusal.id);
            notices.set({ key: refusalKey(name, refusal.id), collection: name, id: refusal.id, kind: 'refused', reason: answerText(refusal), ...(row ? { sent: row.newDocumentState } : {}) });
          }
          pending.settle(name, snapshot);
          synced();
          // The server numbers a completed invoice as it takes it: fetch that number now rather than
          // when the event stream next says so (after being offline it may still be backing off).
          if (name === 'invoices' && wire.some((r) => !refusedIds.has(r.newDocumentState.id) && awaitsNumber(r.newDocumentState))) queueMicrotask(() => resync$.get(name)?.());
          return conflicts as never[];
        },
      },
    });
    states.set(name, state);
    subs.push(state.active$.subscribe((active) => {
      idle.set(name, !active);
      if (!active) outbox.kick();
    }));
  }

  const closeStream = openSyncStream(http, {
    onConnected: (connected) => update({ connected }),
    onEvent: (event) => {
      const names = event.type === 'resync' ? COLLECTION_NAMES : event.collections;
      for (const n of names) resync$.get(n)?.();
    },
    onFatal: (err) => {
      update({ connected: false, problem: err.text, stopped: true });
      void stopAll();
    },
  }, fetchImpl);

  let stopping: Promise<void> | null = null;
  function stopAll(): Promise<void> {
    stopping ??= (async () => {
      closeStream();
      outbox.stop();
      for (const s of subs) s.unsubscribe();
      await Promise.all([...states.values()].map((s) => s.cancel()));
      for (const s of streams) s.complete();
    })();
    return stopping;
  }

  return {
    status$,
    states,
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()));
      // What the handlers handed to the outbox is sent, and what it settled pushed in turn.
      await outbox.idle();
      await Promise.all([...states.values()].map((s) => s.awaitInSync()));
    },
    async awaitInitialReplication() {
      await Promise.all([...states.values()].map((s) => s.awaitInitialReplication()));
    },
    dismiss: (key) => notices.dismiss(key),
    stop: stopAll,
  };
}
