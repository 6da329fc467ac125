/**
 * The documents each command wrote, kept on a synced desk until the server has judged the
 * command whole (docs/decisions/0032-command-outbox.md). A journaled command opens its entry
 * before its first write and notes each document it writes; the desk's push handlers then hand
 * those documents' rows to the command outbox (renderer/data/sync/command-outbox.ts) instead of
 * pushing them one collection at a time. A local list: never synced, survives a reload.
 * Used by shared/db/operations.ts and the outbox; importable from every runtime.
 */
import type { CollectionName } from '../schemas/index.js';
import type { WireDocument } from '../sync/protocol.js';
import type { ClinicDatabase } from './database.js';
import { localList } from './local-list.js';

/** A row a push handler handed over: what RxDB would have pushed for that document. */
export interface HandedPart {
  readonly collection: CollectionName;
  readonly newDocumentState: WireDocument;
  /** The server state RxDB assumed when the first change of this command was handed over. */
  readonly assumedMasterState?: WireDocument;
}

export interface CommandDocuments {
  readonly operation: string;
  /** `collection:id` of each document the command wrote or may have written: their rows are handed over. */
  readonly keys: readonly string[];
  /** Each document this command is known to have changed, with the revision of its last change. */
  readonly expected: Readonly<Record<string, string>>;
  /** When its last write was done; null while it runs. */
  readonly finishedAt: string | null;
  readonly parts: Readonly<Record<string, HandedPart>>;
  /** Sent and not answered, or told to wait: not before this instant. */
  readonly retryAt?: string;
  readonly attempts?: number;
}

export const COMMAND_DOCUMENTS_ID = 'command-documents';

export const commandDocuments = localList<CommandDocuments>(COMMAND_DOCUMENTS_ID);

export const documentKey = (collection: string, id: string) => `${collection}:${id}`;

/**
 * A push handler has handed over a change of this document. RxDB's rows carry no revision, so a
 * command that changed one document twice may go with the first change; the second then follows
 * as a plain push against it, which the server judges as it would any later change.
 */
export const isHandedOver = (entry: CommandDocuments, key: string): boolean => entry.parts[key] !== undefined;

/** A command opens its entry before its first write, so every row it makes is recognised. */
export function openCommand(db: ClinicDatabase, operation: string): Promise<void> {
  return commandDocuments.change(db, (entries) => (entries.some((e) => e.operation === operation)
    ? entries
    : [...entries, { operation, keys: [], expected: {}, finishedAt: null, parts: {} }]));
}

/**
 * Notes a document of an open command: `rev` when this run changed it (the command then waits
 * for that revision), undefined when it may have been written by an earlier, interrupted run.
 */
export function noteDocument(db: ClinicDatabase, operation: string, collection: CollectionName, id: string, rev: string | undefined): Promise<void> {
  const key = documentKey(collection, id);
  return commandDocuments.change(db, (entries) => {
    const entry = entries.find((e) => e.operation === operation);
    if (!entry || (entry.keys.includes(key) && (rev === undefined || entry.expected[key] === rev))) return entries;
    const next: CommandDocuments = {
      ...entry,
      keys: entry.keys.includes(key) ? entry.keys : [...entry.keys, key],
      expected: rev === undefined ? entry.expected : { ...entry.expected, [key]: rev },
    };
    return entries.map((e) => (e === entry ? next : e));
  });
}

export function finishCommand(db: ClinicDatabase, operation: string, at: string): Promise<void> {
  return commandDocuments.change(db, (entries) => (entries.some((e) => e.operation === operation && e.finishedAt === null)
    ? entries.map((e) => (e.operation === operation ? { ...e, finishedAt: at } : e))
    : entries));
}

/** A command that wrote nothing (its commit never came): nothing of it is waited for. */
export function forgetCommand(db: ClinicDatabase, operation: string): Promise<void> {
  return commandDocuments.change(db, (entries) => (entries.some((e) => e.operation === operation) ? entries.filter((e) => e.operation !== operation) : entries));
}
