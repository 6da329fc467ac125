/**
 * Commands that act once (docs/decisions/0025-operations.md). Every command a person starts
 * carries an operation id (DeskActor.operation); the documents it writes take ids derived from
 * it, so the same command twice — a double click, a retry after an error, a replay after a
 * crash — finds its first write and finishes instead of writing again.
 *
 * Each multi-document command has one commit point: its first write, the fact everything else
 * is derived from. Before it nothing is written; after it, what is left is written by running
 * the command again, which sees the commit and only fills in what is missing. A small journal
 * (a local document, never synced) lists the operations under way, so a desk that crashed
 * half-way finishes them when it starts again (`recoverOperations`), and forgets those whose
 * commit was never written.
 *
 * Used by shared/db's commands and by the renderer's command hook; importable from every runtime.
 */
import type { ModifyFunction, RxCollection, RxDocument } from 'rxdb';
import type { CollectionName } from '../schemas/index.js';
import { newId } from '../domain/ids.js';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import type { DeskActor } from './acting-staff.js';
import { localList } from './local-list.js';
import { finishCommand, forgetCommand, noteDocument, openCommand } from './command-documents.js';

/**
 * The parts an operation may write, by role; a document's id is `${operation}_${part}` (a
 * 36-character operation id and a three-letter part fit the ids' 40 characters).
 */
export const OPERATION_PARTS = {
  /** The money fact a payment, credit use or refund command records. */
  payment: 'pay',
  /** A new invoice: a credit note. */
  invoice: 'inv',
  /** A new payment request (a link to send). */
  request: 'req',
  /** A new booking. */
  booking: 'bkg',
  /** The log entries a command writes, in order. */
  log: 'lg1',
  log2: 'lg2',
  log3: 'lg3',
} as const;
export type OperationPart = keyof typeof OPERATION_PARTS;

const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh operation id, for one thing a person asked for. */
export const newOperationId = (): string => newId();

export function isOperationId(value: unknown): value is string {
  return typeof value === 'string' && OPERATION_ID.test(value);
}

/**
 * The id of `part` of the command `ctx` runs: derived from its operation when it has one, so a
 * repeat finds it; a fresh id otherwise (the scheduler's own work, seeding, tests).
 */
export function partId(ctx: Pick<DeskActor, 'operation'>, part: OperationPart): string {
  if (ctx.operation === undefined) return newId();
  if (!isOperationId(ctx.operation)) throw new Error('An operation id is a UUID made by the desk.');
  // `_`, not `.`: ids go into URLs, file names and provider references that take [A-Za-z0-9_-] only.
  return `${ctx.operation}_${OPERATION_PARTS[part]}`;
}

type AnyCollection = RxCollection<Record<string, unknown>>;

/** The operation a document's id derives from (partId), or null. */
const operationOf = (id: string): string | null => {
  const op = id.slice(0, 36);
  return id.charAt(36) === '_' && isOperationId(op) ? op : null;
};

const isConflict = (err: unknown) => typeof err === 'object' && err !== null && ((err as { code?: unknown }).code === 'CONFLICT' || (err as { status?: unknown }).status === 409);

/**
 * Inserts `doc` unless a document with its id is already there (this operation wrote it
 * before): true when this call wrote it. Facts are never overwritten.
 */
export async function insertOnce<T extends { id: string }>(collection: RxCollection<T>, doc: T): Promise<boolean> {
  const c = collection as unknown as AnyCollection;
  // A document of an operation's is one of its command's parts (command-documents.ts): one this
  // call wrote is waited for; one already there may be an interrupted run's, handed over if it comes.
  const operation = operationOf(doc.id);
  const note = (rev: string | undefined) => (operation ? noteDocument(c.database as unknown as ClinicDatabase, operation, c.name as CollectionName, doc.id, rev) : Promise.resolve());
  // Noted before the write, so a push handler that sees the row knows whose it is.
  await note(undefined);
  if (await c.findOne(doc.id).exec()) return false;
  try {
    const written = await c.insert(doc as unknown as Record<string, unknown>);
    await note(written.revision);
    return true;
  } catch (err) {
    // Written meanwhile by the same operation (a double click racing itself).
    if (isConflict(err) && (await c.findOne(doc.id).exec())) return false;
    throw err;
  }
}

/**
 * A command's change to a document it did not create (an invoice completed, a link retired, a
 * booking cancelled), noted as one of its parts when it changed something.
 */
export function modifyAs<T>(ctx: Pick<DeskActor, 'operation'>, doc: RxDocument<T>): (modify: ModifyFunction<T>) => Promise<RxDocument<T>> {
  return async (modify) => {
    const c = doc.collection as unknown as AnyCollection;
    const db = c.database as unknown as ClinicDatabase;
    // Noted before the write, so a push handler that sees the row knows whose it is.
    if (ctx.operation !== undefined) await noteDocument(db, ctx.operation, c.name as CollectionName, doc.primary, undefined);
    const before = doc.getLatest().revision;
    const after = await doc.incrementalModify(modify);
    if (ctx.operation !== undefined && after.revision !== before) await noteDocument(db, ctx.operation, c.name as CollectionName, doc.primary, after.revision);
    return after;
  };
}

/**
 * For a command that moves one document to a state (complete, void, cancel): the same
 * operation finding it already there is a repeat — a retry after its log write failed, or a
 * replay — which only finishes that log entry; without an operation the command's own rule
 * refuses it as usual.
 */
export function isRepeat(ctx: Pick<DeskActor, 'operation'>, alreadyThere: boolean): boolean {
  return alreadyThere && ctx.operation !== undefined;
}

/** What the journal holds for one operation under way. */
export interface JournalEntry {
  readonly operation: string;
  /** The command's name in the recovery registry (`OperationReplays`). */
  readonly command: string;
  /** Its input, as JSON, to run it again. */
  readonly args: unknown;
  /** Who ran it, on which desk: a replay is still theirs. */
  readonly actor: string;
  readonly desk: string;
  readonly synced: boolean;
  /** Its commit point: when this document exists, the command happened and is finished by a replay. */
  readonly commit: { readonly collection: CollectionName; readonly id: string };
  readonly startedAt: string;
}

export const JOURNAL_ID = 'operations';

const journal = localList<JournalEntry>(JOURNAL_ID);
const changeJournal = journal.change;

export const readJournal = (db: ClinicDatabase): Promise<JournalEntry[]> => journal.read(db);

/**
 * Runs a journaled command: noted before its first write, forgotten after its last. A command
 * without an operation id (the desk's own work) runs as it is.
 */
export async function journaled<T>(db: ClinicDatabase, ctx: DeskActor, entry: { command: string; args: unknown; commit: JournalEntry['commit'] }, run: () => Promise<T>): Promise<T> {
  const operation = ctx.operation;
  if (operation === undefined) return run();
  // A synced desk sends what the command wrote to the server whole (command-documents.ts).
  if (ctx.synced) await openCommand(db, operation);
  await changeJournal(db, (entries) => (entries.some((e) => e.operation === operation) ? entries : [...entries, {
    operation, command: entry.command, args: entry.args, actor: ctx.actor, desk: ctx.desk, synced: ctx.synced, commit: entry.commit, startedAt: ctx.now,
  }]));
  const result = await run();
  if (ctx.synced) await finishCommand(db, operation, ctx.now);
  await changeJournal(db, (entries) => entries.filter((e) => e.operation !== operation));
  return result;
}

/** How to run each journaled command again, by name (shared/db/operation-replays.ts). */
export type OperationReplays = Readonly<Record<string, (db: ClinicDatabase, args: unknown, ctx: DeskActor) => Promise<unknown>>>;

export interface RecoveryOutcome {
  /** Operations whose commit was there: finished by running them again. */
  readonly finished: string[];
  /** Operations that never reached their commit (nothing was written), or that the rules no longer let go on. */
  readonly dropped: string[];
  /** Operations that could not be finished now (they stay in the journal for the next pass). */
  readonly failed: { readonly operation: string; readonly error: string }[];
}

/**
 * Finishes what a crash or a failed write left half-done (`only`: just these operations, after
 * a command failed): each operation whose commit exists is run again with its own actor and
 * input; one whose commit is missing wrote nothing and is forgotten.
 */
export async function recoverOperations(db: ClinicDatabase, replays: OperationReplays, now: string, only?: ReadonlySet<string>): Promise<RecoveryOutcome> {
  const outcome: RecoveryOutcome = { finished: [], dropped: [], failed: [] };
  for (const entry of await readJournal(db)) {
    if (only && !only.has(entry.operation)) continue;
    const committed = await (db[entry.commit.collection] as unknown as AnyCollection).findOne(entry.commit.id).exec();
    const replay = replays[entry.command];
    if (!committed || !replay) {
      if (!committed) await forgetCommand(db, entry.operation);
      else await finishCommand(db, entry.operation, now);
      await changeJournal(db, (entries) => entries.filter((e) => e.operation !== entry.operation));
      outcome.dropped.push(entry.operation);
      continue;
    }
    try {
      await replay(db, entry.args, { actor: entry.actor, desk: entry.desk, synced: entry.synced, now, operation: entry.operation });
      outcome.finished.push(entry.operation);
    } catch (err) {
      if (err instanceof RefusedError) {
        // The rules no longer let it go on (the invoice was paid meanwhile, the link is gone):
        // what it wrote stands as written, and nothing more can be done for it.
        await finishCommand(db, entry.operation, now);
        await changeJournal(db, (entries) => entries.filter((e) => e.operation !== entry.operation));
        outcome.dropped.push(entry.operation);
      } else {
        outcome.failed.push({ operation: entry.operation, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return outcome;
}
