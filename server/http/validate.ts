/**
 * Checks request bodies and parameters by hand (they are small) and throws 400s that say
 * what is wrong. Imported by server/routes.
 */
import { DESK_ID_PATTERN, MAX_COMMAND_PARTS, MAX_COMMANDS_PER_PUSH, PULL_LIMIT_MAX, type PushCommand, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { COLLECTION_POLICIES } from '../../shared/sync/collections.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import { badRequest, notFound } from './errors.js';

export const MAX_PUSH_ROWS = 1000;
export const ID_MAX_LENGTH = 40;
export const DEFAULT_PULL_LIMIT = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a document on the wire, or null. */
export function wireDocumentProblem(v: unknown): string | null {
  if (!isObject(v)) return 'is not an object';
  if (typeof v.id !== 'string' || v.id === '' || v.id.length > ID_MAX_LENGTH) return `needs an "id" of 1–${ID_MAX_LENGTH} characters`;
  if (typeof v._deleted !== 'boolean') return 'needs "_deleted" true or false';
  return null;
}

export function parsePushBody(body: unknown): PushRow[] {
  if (!Array.isArray(body)) throw badRequest('A push must be a JSON array of rows ({ newDocumentState, assumedMasterState? }).');
  if (body.length > MAX_PUSH_ROWS) throw badRequest(`A push may carry at most ${MAX_PUSH_ROWS} rows; this one has ${body.length}. Send them in smaller batches.`);
  return body.map((row: unknown, i) => {
    if (!isObject(row)) throw badRequest(`Row ${i + 1} of the push is not an object.`);
    const problem = wireDocumentProblem(row.newDocumentState);
    if (problem) throw badRequest(`Row ${i + 1} of the push: newDocumentState ${problem}.`);
    const next = row.newDocumentState as WireDocument;
    const command = row.command === undefined || row.command === null ? {} : { command: commandOf(row.command, next.id, i) };
    if (row.assumedMasterState === undefined || row.assumedMasterState === null) return { newDocumentState: next, ...command };
    const assumedProblem = wireDocumentProblem(row.assumedMasterState);
    if (assumedProblem) throw badRequest(`Row ${i + 1} of the push: assumedMasterState ${assumedProblem}.`);
    const assumed = row.assumedMasterState as WireDocument;
    if (assumed.id !== next.id) throw badRequest(`Row ${i + 1} of the push: assumedMasterState is for another document.`);
    return { newDocumentState: next, assumedMasterState: assumed, ...command };
  });
}

const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PART_KEY = /^[a-z]{1,20}:[A-Za-z0-9_-]{1,40}$/;

/** A row's command: an operation id and its documents' keys, the row's own among them. */
function commandOf(value: unknown, id: string, i: number): PushCommand {
  const bad = (why: string) => badRequest(`Row ${i + 1} of the push: its command ${why}.`);
  if (!isObject(value) || typeof value.id !== 'string' || !COMMAND_ID.test(value.id)) throw bad('needs an operation id');
  const parts = value.parts;
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_COMMAND_PARTS) throw bad(`lists 1 to ${MAX_COMMAND_PARTS} documents`);
  if (!parts.every((p): p is string => typeof p === 'string' && PART_KEY.test(p) && Object.prototype.hasOwnProperty.call(COLLECTION_POLICIES, p.split(':')[0]!))) throw bad('lists something that is not a document');
  if (new Set(parts).size !== parts.length) throw bad('lists a document twice');
  if (!parts.some((p) => p.endsWith(`:${id}`))) throw bad('does not list this document');
  return { id: value.id, parts: [...parts] };
}

export function collectionParam(name: string): CollectionName {
  if (!Object.prototype.hasOwnProperty.call(COLLECTION_POLICIES, name)) throw notFound(`The sync server has no collection called "${name}".`, 'unknown_collection');
  return name as CollectionName;
}

/** An integer query parameter within [min, max], `fallback` when absent. */
export function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badRequest(`"${name}" must be a whole number from ${min} to ${max}.`);
  return n;
}

export const pullLimitParam = (v: unknown) => intParam(v, 'limit', DEFAULT_PULL_LIMIT, 1, PULL_LIMIT_MAX);
export const seqParam = (v: unknown) => intParam(v, 'seq', 0, 0, Number.MAX_SAFE_INTEGER);

/** Control characters and unpaired surrogates: nothing a name or code holds, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A required string field of a JSON body, trimmed, 1–max characters, one line of printable text. */
export function stringField(body: unknown, key: string, label: string, max: number): string {
  const v = isObject(body) ? body[key] : undefined;
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(`${label} is missing.`);
  if (v.trim().length > max) throw badRequest(`${label} is too long (at most ${max} characters).`);
  if (UNPRINTABLE.test(v)) throw badRequest(`${label} contains a control character or half of a character.`);
  return v.trim();
}

/** The enrolling desk's id: the server checks every change it pushes names it (invariant 11). */
export function deskIdField(body: unknown): string {
  const v = isObject(body) ? body.deskId : undefined;
  if (typeof v !== 'string' || !DESK_ID_PATTERN.test(v)) throw badRequest('This desk did not say which desk it is. Update it to the newest version of Clinic Front Desk and try again.');
  return v;
}

export function objectField(body: unknown, key: string): unknown {
  return isObject(body) ? body[key] : undefined;
}

/** POST /v1/sync/commands: `{ commands: [{ id, parts: [{ collection, newDocumentState, assumedMasterState? }] }] }`. */
export function parseCommandsBody(body: unknown): { id: string; parts: { collection: CollectionName; row: PushRow }[] }[] {
  if (!isObject(body) || !Array.isArray(body.commands)) throw badRequest('Send { commands: [...] }.');
  if (body.commands.length === 0 || body.commands.length > MAX_COMMANDS_PER_PUSH) throw badRequest(`Send 1 to ${MAX_COMMANDS_PER_PUSH} commands at a time.`);
  const ids = new Set<string>();
  return body.commands.map((command: unknown, i) => {
    if (!isObject(command) || typeof command.id !== 'string' || !COMMAND_ID.test(command.id)) throw badRequest(`Command ${i + 1} needs an operation id.`);
    if (ids.has(command.id)) throw badRequest(`Command ${command.id} is sent twice.`);
    ids.add(command.id);
    const parts = command.parts;
    if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_COMMAND_PARTS) throw badRequest(`Command ${i + 1} has 1 to ${MAX_COMMAND_PARTS} parts.`);
    const keys = new Set<string>();
    return {
      id: command.id,
      parts: parts.map((part: unknown) => {
        if (!isObject(part) || typeof part.collection !== 'string') throw badRequest(`Command ${i + 1}: each part names its collection.`);
        const collection = collectionParam(part.collection);
        const [row] = parsePushBody([{ newDocumentState: part.newDocumentState, assumedMasterState: part.assumedMasterState }]);
        const key = `${collection}:${row!.newDocumentState.id}`;
        if (keys.has(key)) throw badRequest(`Command ${i + 1} carries ${key} twice.`);
        keys.add(key);
        return { collection, row: row! };
      }),
    };
  });
}
