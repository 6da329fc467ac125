/**
 * Checks request bodies and parameters by hand (they are small) and throws 400s that say
 * what is wrong (as Texts, errors.ts). Imported by server/routes.
 */
import { text, type MessageId, type Text } from '../../shared/i18n/text.js';
import { DESK_ID_PATTERN, MAX_COMMAND_PARTS, MAX_COMMANDS_PER_PUSH, PULL_LIMIT_MAX, type PushCommand, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { COLLECTION_POLICIES } from '../../shared/sync/collections.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import { badRequest, notFound } from './errors.js';

export const MAX_PUSH_ROWS = 1000;
export const ID_MAX_LENGTH = 40;
export const DEFAULT_PULL_LIMIT = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a document on the wire (what it "is not" or "needs", a Text), or null. */
export function wireDocumentProblem(v: unknown): Text | null {
  if (!isObject(v)) return text('serverError.wire.notObject');
  if (typeof v.id !== 'string' || v.id === '' || v.id.length > ID_MAX_LENGTH) return text('serverError.wire.badId', { max: ID_MAX_LENGTH });
  if (typeof v._deleted !== 'boolean') return text('serverError.wire.badDeleted');
  return null;
}

export function parsePushBody(body: unknown): PushRow[] {
  if (!Array.isArray(body)) throw badRequest(text('serverError.push.notArray'));
  // Counts as text: written as they are in every language, like the limits they are checked against.
  if (body.length > MAX_PUSH_ROWS) throw badRequest(text('serverError.push.tooManyRows', { max: String(MAX_PUSH_ROWS), count: String(body.length) }));
  return body.map((row: unknown, i) => {
    const at = String(i + 1);
    if (!isObject(row)) throw badRequest(text('serverError.push.rowNotObject', { row: at }));
    const problem = wireDocumentProblem(row.newDocumentState);
    if (problem) throw badRequest(text('serverError.push.newState', { row: at, problem }));
    const next = row.newDocumentState as WireDocument;
    const command = row.command === undefined || row.command === null ? {} : { command: commandOf(row.command, next.id, i) };
    if (row.assumedMasterState === undefined || row.assumedMasterState === null) return { newDocumentState: next, ...command };
    const assumedProblem = wireDocumentProblem(row.assumedMasterState);
    if (assumedProblem) throw badRequest(text('serverError.push.assumedState', { row: at, problem: assumedProblem }));
    const assumed = row.assumedMasterState as WireDocument;
    if (assumed.id !== next.id) throw badRequest(text('serverError.push.assumedOther', { row: at }));
    return { newDocumentState: next, assumedMasterState: assumed, ...command };
  });
}

const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PART_KEY = /^[a-z]{1,20}:[A-Za-z0-9_-]{1,40}$/;

/** A row's command: an operation id and its documents' keys, the row's own among them. */
function commandOf(value: unknown, id: string, i: number): PushCommand {
  const bad = (why: Text) => badRequest(text('serverError.push.command', { row: String(i + 1), problem: why }));
  if (!isObject(value) || typeof value.id !== 'string' || !COMMAND_ID.test(value.id)) throw bad(text('serverError.command.noId'));
  const parts = value.parts;
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_COMMAND_PARTS) throw bad(text('serverError.command.partCount', { max: MAX_COMMAND_PARTS }));
  if (!parts.every((p): p is string => typeof p === 'string' && PART_KEY.test(p) && Object.prototype.hasOwnProperty.call(COLLECTION_POLICIES, p.split(':')[0]!))) throw bad(text('serverError.command.notDocument'));
  if (new Set(parts).size !== parts.length) throw bad(text('serverError.command.listedTwice'));
  if (!parts.some((p) => p.endsWith(`:${id}`))) throw bad(text('serverError.command.notListed'));
  return { id: value.id, parts: [...parts] };
}

export function collectionParam(name: string): CollectionName {
  if (!Object.prototype.hasOwnProperty.call(COLLECTION_POLICIES, name)) throw notFound(text('serverError.unknownCollection', { name }), 'unknown_collection');
  return name as CollectionName;
}

/** An integer query parameter within [min, max], `fallback` when absent. */
export function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badRequest(text('serverError.intParam', { name, min: String(min), max: String(max) }));
  return n;
}

export const pullLimitParam = (v: unknown) => intParam(v, 'limit', DEFAULT_PULL_LIMIT, 1, PULL_LIMIT_MAX);
export const seqParam = (v: unknown) => intParam(v, 'seq', 0, 0, Number.MAX_SAFE_INTEGER);

/** Control characters and unpaired surrogates: nothing a name or code holds, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A required string field of a JSON body, trimmed, 1–max characters, one line of printable text.
 * `label` names it at the start of a sentence ("The enrolment code", a `serverError.field.*` id).
 */
export function stringField(body: unknown, key: string, label: MessageId, max: number): string {
  const v = isObject(body) ? body[key] : undefined;
  const field = text(label);
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(text('serverError.fieldMissing', { field }));
  if (v.trim().length > max) throw badRequest(text('serverError.fieldTooLong', { field, max }));
  if (UNPRINTABLE.test(v)) throw badRequest(text('serverError.fieldUnprintable', { field }));
  return v.trim();
}

/** The enrolling desk's id: the server checks every change it pushes names it (invariant 11). */
export function deskIdField(body: unknown): string {
  const v = isObject(body) ? body.deskId : undefined;
  if (typeof v !== 'string' || !DESK_ID_PATTERN.test(v)) throw badRequest(text('serverError.noDeskId'));
  return v;
}

export function objectField(body: unknown, key: string): unknown {
  return isObject(body) ? body[key] : undefined;
}

/** POST /v1/sync/commands: `{ commands: [{ id, parts: [{ collection, newDocumentState, assumedMasterState? }] }] }`. */
export function parseCommandsBody(body: unknown): { id: string; parts: { collection: CollectionName; row: PushRow }[] }[] {
  if (!isObject(body) || !Array.isArray(body.commands)) throw badRequest(text('serverError.commands.notList'));
  if (body.commands.length === 0 || body.commands.length > MAX_COMMANDS_PER_PUSH) throw badRequest(text('serverError.commands.count', { max: MAX_COMMANDS_PER_PUSH }));
  const ids = new Set<string>();
  return body.commands.map((command: unknown, i) => {
    if (!isObject(command) || typeof command.id !== 'string' || !COMMAND_ID.test(command.id)) throw badRequest(text('serverError.commands.noId', { number: i + 1 }));
    if (ids.has(command.id)) throw badRequest(text('serverError.commands.twice', { id: command.id }));
    ids.add(command.id);
    const parts = command.parts;
    if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_COMMAND_PARTS) throw badRequest(text('serverError.commands.partCount', { number: i + 1, max: MAX_COMMAND_PARTS }));
    const keys = new Set<string>();
    return {
      id: command.id,
      parts: parts.map((part: unknown) => {
        if (!isObject(part) || typeof part.collection !== 'string') throw badRequest(text('serverError.commands.noCollection', { number: i + 1 }));
        const collection = collectionParam(part.collection);
        const [row] = parsePushBody([{ newDocumentState: part.newDocumentState, assumedMasterState: part.assumedMasterState }]);
        const key = `${collection}:${row!.newDocumentState.id}`;
        if (keys.has(key)) throw badRequest(text('serverError.commands.partTwice', { number: i + 1, key }));
        keys.add(key);
        return { collection, row: row! };
      }),
    };
  });
}
