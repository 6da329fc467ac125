/**
 * The desk's command outbox (docs/decisions/0032-command-outbox.md; issue 12 point 2). RxDB
 * pushes each collection through its own queue, so a command's documents — a payment, the
 * invoice it completed, two log entries — would reach the server in separate pushes and could
 * be judged apart. Instead each push handler hands the rows of a command's documents
 * (shared/db/command-documents.ts) to this outbox, which keeps them in the command's local entry
 * and tells RxDB they are pushed. Once every document the command changed is here, the outbox
 * sends the command whole to POST /v1/sync/commands, where it is taken or refused all together:
 *
 * - taken: done; its collections are pulled again (an invoice the server numbered comes back);
 * - wait (a part names what is not on the server yet), or no answer: sent again with backoff;
 * - refused: nothing of it is on the server. Its facts stay on this desk in Needs attention, as
 *   for any refused fact; its records are taken back by writing the server's state (or removing
 *   a record the server never had) as a local change, which RxDB then pushes and settles.
 *
 * Only for a server that takes whole commands (WHOLE_COMMANDS_PROTOCOL); an older one gets
 * every row as before. Used by desk-replication.ts only.
 */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { commandDocuments, documentKey, isHandedOver, type CommandDocuments, type HandedPart } from '../../../shared/db/command-documents.js';
import { noteRefusals, noteTaken, refusalKey } from '../../../shared/db/needs-attention.js';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schemas/index.js';
import { syncState } from '../../../shared/sync/conflicts.js';
import { MAX_COMMANDS_PER_PUSH, type CommandOutcome, type PushRefusal, type WireDocument } from '../../../shared/sync/protocol.js';
import { WHOLE_COMMANDS_PROTOCOL } from '../../../shared/sync/protocol-version.js';
import { isKeptWhenRefused } from './kept-when-refused.js';
import type { PendingChanges } from './pending-changes.js';
import type { SyncNotices } from './sync-notices.js';
import { SyncError, type SyncHttp } from './sync-http.js';
import { newOperationId } from '../../../shared/db/operations.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { inEnglish } from '../../../shared/i18n/translator.js';
import { answerText } from '../words.js';

/** A row as RxDB hands it to a push handler. */
export interface HandlerRow {
  readonly newDocumentState: WireDocument;
  readonly assumedMasterState?: WireDocument;
}

export interface CommandOutboxDeps {
  readonly db: ClinicDatabase;
  readonly http: SyncHttp;
  readonly pending: PendingChanges;
  /** What the status bar says of each command: named by its main part (principalPart) while it waits or was refused. */
  readonly notices: SyncNotices;
  readonly now: () => Date;
  /** A command was taken: pull these collections again. */
  readonly resync: (collections: readonly CollectionName[]) => void;
  /** The server's answer, for the sync status (refusals, the last problem, reachability). */
  readonly report: (news: { refusals?: PushRefusal[]; problem?: Text | null; reachable?: boolean; fatal?: SyncError }) => void;
  /**
   * RxDB's push queue of this collection is idle (nothing queued, nothing retrying): a document
   * of it that a finished command changed and no handler handed over will not come (RxDB skips
   * a change that ends where the server already is), so the command goes without it.
   */
  readonly collectionIdle: (collection: CollectionName) => boolean;
}

export interface CommandOutbox {
  /** The rows that are not a command's, to push as before; the rest are kept for their command. */
  divert(collection: CollectionName, rows: readonly HandlerRow[]): Promise<HandlerRow[]>;
  /** Looks again for commands ready to send (a queue went idle). */
  kick(): void;
  /** Resolves when nothing is left to send (tests, awaitInSync). */
  idle(): Promise<void>;
  stop(): void;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;
const backoff = (attempts: number) => Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempts, 10));

/** A server state as fields to write locally (RxDB keeps its own deleted flag). */
const stripLocal = (doc: WireDocument): Record<string, unknown> => {
  const { _deleted: _ignored, ...rest } = syncState(doc) as Record<string, unknown>;
  return rest;
};

export function startCommandOutbox(deps: CommandOutboxDeps): CommandOutbox {
  const { db, http } = deps;
/** A finished command's missing documents are given up only this long after it finished, and only when idle. */
  const settleMs = 2000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  // Hand-overs and sends one at a time: a part handed over while its command is on its way
  // waits, so what was sent is exactly what the entry holds when the answer comes.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (timer && at >= wakeAt) return;
    if (timer) clearTimeout(timer);
    wakeAt = at;
    timer = setTimeout(() => {
      timer = null;
      wakeAt = Infinity;
      void serial(sendReady).catch(() => undefined);
    }, Math.max(0, delayMs));
  };

  /**
   * When a command may go: finished, past its backoff, and each document it changed handed over —
   * to it, or to an earlier command that also wrote that document (that one carries it) — or
   * given up because its collection's queue is idle.
   */
  const readyAt = (entry: CommandDocuments, all: readonly CommandDocuments[]): number => {
    if (entry.finishedAt === null) return Infinity;
    const retry = entry.retryAt ? Date.parse(entry.retryAt) : 0;
    const earlier = all.slice(0, all.indexOf(entry));
    const missing = Object.keys(entry.expected).filter((k) => !isHandedOver(entry, k) && !earlier.some((e) => isHandedOver(e, k)));
    if (missing.length === 0) return retry;
    const idle = missing.every((k) => deps.collectionIdle(k.slice(0, k.indexOf(':')) as CollectionName));
    return idle ? Math.max(retry, Date.parse(entry.finishedAt) + settleMs) : Infinity;
  };

  async function sendReady(): Promise<void> {
    if (stopped) return;
    const now = deps.now().getTime();
    const entries = await commandDocuments.read(db);
    // Finished, and nothing of it came: nothing to send (it wrote nothing the server lacks).
    const empty = entries.filter((e) => readyAt(e, entries) <= now && Object.keys(e.parts).length === 0).map((e) => e.operation);
    if (empty.length > 0) await commandDocuments.change(db, (list) => list.filter((e) => !empty.includes(e.operation)));
    const ready = entries
      .filter((e) => readyAt(e, entries) <= now && Object.keys(e.parts).length > 0)
      .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''))
      .slice(0, MAX_COMMANDS_PER_PUSH);
    if (ready.length > 0) await send(ready);
    const left = await commandDocuments.read(db);
    const later = left.map((e) => readyAt(e, left)).filter((t) => Number.isFinite(t));
    if (later.length > 0) schedule(Math.min(...later) - deps.now().getTime());
    // A finished command waiting for a busy queue is looked at again (kick() also wakes it).
    else if (left.some((e) => e.finishedAt !== null)) schedule(settleMs);
  }

  async function send(ready: CommandDocuments[]): Promise<void> {
    const snapshots = ready.map((e) => Object.values(e.parts).map((p) => ({ p, snap: deps.pending.snapshot(p.collection, [p.newDocumentState.id]) })));
    let outcomes: readonly CommandOutcome[];
    try {
      ({ outcomes } = await http.commands(ready.map((e) => ({
        id: e.operation,
        parts: orderedParts(e).map((p) => ({ collection: p.collection, newDocumentState: p.newDocumentState, ...(p.assumedMasterState ? { assumedMasterState: p.assumedMasterState } : {}) })),
      }))));
    } catch (err) {
      if (err instanceof SyncError && err.needsAttention) {
        deps.report({ fatal: err });
        return;
      }
      if (err instanceof SyncError && err.status === 0) deps.report({ reachable: false });
      else deps.report({ problem: textOfError(err) });
      await retryLater(ready.map((e) => e.operation));
      return;
    }
    deps.report({ reachable: true });
    const at = deps.now().toISOString();
    const done: string[] = [];
    const waiting: string[] = [];
    const pulled = new Set<CollectionName>();
    for (const [i, entry] of ready.entries()) {
      const outcome = outcomes.find((o) => o.id === entry.operation);
      if (!outcome || outcome.outcome === 'wait') {
        waiting.push(entry.operation);
        if (outcome?.outcome === 'wait') {
          const main = principalPart(Object.values(entry.parts));
          deps.notices.set({ key: refusalKey(main.collection, main.newDocumentState.id), collection: main.collection, id: main.newDocumentState.id, kind: 'waiting', reason: answerText(outcome), sent: main.newDocumentState });
        }
        continue;
      }
      const parts = Object.values(entry.parts);
      if (outcome.outcome === 'taken') {
        for (const c of COLLECTION_NAMES) {
          const ids = parts.filter((p) => p.collection === c).map((p) => p.newDocumentState.id);
          if (ids.length === 0) continue;
          await noteTaken(db, c, ids);
          pulled.add(c);
        }
        deps.notices.resolve(parts.map((p) => refusalKey(p.collection, p.newDocumentState.id)));
      } else {
        await takeBack(parts, outcome, at);
      }
      for (const { p, snap } of snapshots[i]!) deps.pending.settle(p.collection, snap);
      done.push(entry.operation);
    }
    await commandDocuments.change(db, (list) => list.filter((e) => !done.includes(e.operation)));
    if (waiting.length > 0) await retryLater(waiting);
    if (pulled.size > 0) deps.resync([...pulled]);
  }

  /** Nothing of a refused command is on the server: its records go back to the server's state. */
  async function takeBack(parts: HandedPart[], outcome: Extract<CommandOutcome, { outcome: 'refused' }>, at: string): Promise<void> {
    const refusals: PushRefusal[] = [];
    for (const part of parts) {
      const id = part.newDocumentState.id;
      const refusal = outcome.refusals.find((r) => r.id === id) ?? refusedWith(id, outcome);
      refusals.push(refusal);
      const kept = isKeptWhenRefused(part.collection, part.newDocumentState);
      await noteRefusals(db, part.collection, [refusal], () => ({ kept, sent: part.newDocumentState }), at);
      if (kept) continue;
      const local = await (db[part.collection] as ClinicDatabase['bookings']).findOne(id).exec();
      if (!local) continue;
      const server = outcome.serverStates.find((s) => s.collection === part.collection && s.document.id === id)?.document;
      if (server && !server._deleted) await local.incrementalModify(() => stripLocal(server) as never);
      else await local.remove();
    }
    deps.report({ refusals });
    // One notice for the command, named by its main part, with that part's own reason; its entry is already listed.
    const main = principalPart(parts);
    const mainRefusal = refusals.find((r) => r.id === main.newDocumentState.id)!;
    deps.notices.resolve(parts.filter((p) => p !== main).map((p) => refusalKey(p.collection, p.newDocumentState.id)));
    deps.notices.set({ key: refusalKey(main.collection, main.newDocumentState.id), collection: main.collection, id: main.newDocumentState.id, kind: 'refused', reason: answerText(mainRefusal), sent: main.newDocumentState });
  }

  async function retryLater(operations: readonly string[]): Promise<void> {
    const now = deps.now().getTime();
    await commandDocuments.change(db, (list) => list.map((e) => (operations.includes(e.operation)
      ? { ...e, attempts: (e.attempts ?? 0) + 1, retryAt: new Date(now + backoff(e.attempts ?? 0)).toISOString() }
      : e)));
  }

  let wholeCommands: boolean | null = null;
  const serverTakesWholeCommands = async () => {
    wholeCommands ??= (await http.protocolOfServer()) >= WHOLE_COMMANDS_PROTOCOL;
    return wholeCommands;
  };

  const sub = commandDocuments.watch(db).subscribe(() => schedule(0));
  // Parts handed over before a restart are still the desk's pending changes.
  void commandDocuments.read(db).then((list) => {
    for (const e of list) for (const p of Object.values(e.parts)) deps.pending.mark(p.collection, p.newDocumentState.id);
  });

  return {
    async divert(collection, rows) {
      if (rows.length === 0 || !(await serverTakesWholeCommands())) return [...rows];
      return serial(async () => {
        const entries = await commandDocuments.read(db);
        const plain: HandlerRow[] = [];
        const handed = new Map<string, HandlerRow[]>();
        const followUps: CommandDocuments[] = [];
        for (const row of rows) {
          const key = documentKey(collection, row.newDocumentState.id);
          const owners = entries.filter((e) => e.keys.includes(key));
          if (owners.length === 0) { plain.push(row); continue; }
          // The oldest command not yet sent carries it (several may have written it, offline).
          const open = owners.find((e) => (e.attempts ?? 0) === 0);
          if (open) { handed.set(open.operation, [...(handed.get(open.operation) ?? []), row]); continue; }
          // Its command was sent and not answered: a retry must carry what was sent, or a "taken"
          // answer for it would swallow this change. It goes after it, as a command of its own,
          // against the state that command sent.
          const sent = owners[owners.length - 1]!.parts[key]?.newDocumentState;
          const base = sent ?? row.assumedMasterState;
          followUps.push({
            operation: newOperationId(), keys: [key], expected: {}, finishedAt: deps.now().toISOString(),
            parts: { [key]: { collection, newDocumentState: syncState(row.newDocumentState) as WireDocument, ...(base ? { assumedMasterState: syncState(base) as WireDocument } : {}) } },
          });
        }
        if (handed.size === 0 && followUps.length === 0) return plain;
        await commandDocuments.change(db, (list) => [...list.map((e) => {
          const mine = handed.get(e.operation);
          if (!mine) return e;
          const parts = { ...e.parts };
          for (const row of mine) {
            const key = documentKey(collection, row.newDocumentState.id);
            // Later changes of the same document go with the command, against the base it was first handed over with.
            const base = parts[key] ? parts[key].assumedMasterState : row.assumedMasterState;
            parts[key] = {
              collection,
              newDocumentState: syncState(row.newDocumentState) as WireDocument,
              ...(base ? { assumedMasterState: syncState(base) as WireDocument } : {}),
            };
          }
          return { ...e, parts };
        }), ...followUps]);
        return plain;
      });
    },
    kick: () => schedule(0),
    async idle() {
      for (;;) {
        await serial(sendReady);
        const left = await commandDocuments.read(db);
        if (stopped || left.every((e) => e.finishedAt === null && Object.keys(e.parts).length === 0)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      stopped = true;
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * The refusal of a part the server named none for: refused with the rest of its command. Its
 * `text` is read where refusals carry one (the Needs-attention list); `message` is its English.
 */
function refusedWith(id: string, outcome: Extract<CommandOutcome, { outcome: 'refused' }>): PushRefusal & { readonly text: Text } {
  const words = text('sync.commandRefused', { reason: answerText(outcome) });
  return { id, code: 'command_refused', message: inEnglish(words), text: words };
}

/**
 * The part that names a command for the person at the desk: the fact they entered (a payment, a
 * link, a message), else the record they acted on (a booking before the draft invoice it made),
 * and a log entry last.
 */
const NAMING_ORDER: readonly CollectionName[] = ['payments', 'paymentrequests', 'messages', 'bookings', 'invoices', 'clients', 'services', 'staff', 'settings', 'activity'];

export function principalPart(parts: readonly HandedPart[]): HandedPart {
  const rank = (p: HandedPart) => NAMING_ORDER.indexOf(p.collection);
  return parts.reduce((best, p) => (rank(p) < rank(best) ? p : best), parts[0]!);
}

/** A command's parts in the collections' own order (the server judges them so too). */
function orderedParts(entry: CommandDocuments): HandedPart[] {
  const rank = (c: CollectionName) => COLLECTION_NAMES.indexOf(c);
  return Object.values(entry.parts).sort((a, b) => rank(a.collection) - rank(b.collection));
}
