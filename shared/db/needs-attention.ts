/**
 * The desk's Needs-attention list (docs/design.md invariant 13, decision 0024): every change
 * the sync server refused, kept in a local document of the desk's database that never syncs,
 * so it survives a reload and nothing a person entered disappears silently.
 *
 * - A refused **fact** (payment, refund, message, log entry, numbered invoice) stays on this
 *   desk as it was recorded (desk-replication.ts never deletes it). Someone whose role allows
 *   that change *accepts it again*: the state that was refused is signed as them, on this
 *   desk, and sent again; it leaves the list when the server takes it. Whether they may is the
 *   permission the server will require (shared/sync/push-rules.ts neededPermission).
 * - A refused change to a **record** (a booking edit) was taken back to the server's state;
 *   its entry says so until someone has read it (*set aside*).
 *
 * Written by the desk's replication (renderer/data/sync) and the Needs-attention screen;
 * importable from every runtime.
 */
import type { Observable } from 'rxjs';
import type { CollectionName } from '../schemas/index.js';
import type { ActivityDoc } from '../schemas/activity.js';
import { factStamp } from '../domain/actor.js';
import { refuse, RefusedError } from '../domain/result.js';
import { text, type MessageId, type Text } from '../i18n/text.js';
import { COLLECTION_POLICIES } from '../sync/collections.js';
import { neededPermission } from '../sync/push-rules.js';
import type { PushRefusal, RefusalParams, WireDocument } from '../sync/protocol.js';
import type { RefusalCode } from '../sync/refusal-codes.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { localList } from './local-list.js';
import { parseStoredText, storedText } from '../i18n/stored-text.js';

/** The local document that holds the list. */
export const NEEDS_ATTENTION_ID = 'needs-attention';
/**
 * Notices of record changes taken back are kept up to this many (the newest); a kept fact's
 * entry is never dropped, however many there are — it is the only trace of an unsent fact.
 */
export const MAX_NOTICES = 500;

export interface RefusedChange {
  /** `${collection}/${id}`: one entry per document, the latest refusal. */
  readonly key: string;
  readonly collection: CollectionName;
  readonly id: string;
  readonly code: RefusalCode;
  readonly params?: RefusalParams;
  /** The server's reason, in English. */
  readonly message: string;
  /**
   * The same reason as the server's Text, as received (JSON): each reader sees it in their
   * language. Read only through parseStoredText, as anything from a peer (docs/decisions/0033-languages.md).
   */
  readonly text?: string;
  /** When the server refused it (the desk's clock). */
  readonly refusedAt: string;
  /** True for a fact kept on this desk; false for a record change that was taken back. */
  readonly kept: boolean;
  /**
   * The document as it was sent and refused. What accepting again sends (signed anew): a pull
   * may since have replaced this desk's copy of a record with the server's state.
   */
  readonly sent?: WireDocument;
  /** Set when someone accepted it again: it is on its way to the server as theirs. */
  readonly acceptedBy?: string;
}

/** The server's reason as a Text when it sent one this code reads, else its English words. */
export function reasonOf(entry: Pick<RefusedChange, 'message' | 'text'>): Text | string {
  return parseStoredText(entry.text) ?? entry.message;
}

export const refusalKey = (collection: CollectionName, id: string) => `${collection}/${id}`;

function capped(entries: readonly RefusedChange[]): readonly RefusedChange[] {
  const notices = entries.filter((e) => !e.kept).length;
  if (notices <= MAX_NOTICES) return entries;
  let drop = notices - MAX_NOTICES;
  return entries.filter((e) => e.kept || drop-- <= 0);
}

const list = localList<RefusedChange>(NEEDS_ATTENTION_ID, capped);
const changeList = list.change;

/** The list as it is now, oldest first. */
export const readNeedsAttention = (db: ClinicDatabase): Promise<RefusedChange[]> => list.read(db);

/** The list, and every change to it. */
export const watchNeedsAttention = (db: ClinicDatabase): Observable<RefusedChange[]> => list.watch(db);

/** What became of a refused row on this desk, and the state that was sent. */
export interface RefusedRow {
  readonly kept: boolean;
  readonly sent: WireDocument | undefined;
}

/** The server refused these rows of one push. */
export function noteRefusals(db: ClinicDatabase, collection: CollectionName, refusals: readonly PushRefusal[], row: (id: string) => RefusedRow, at: string): Promise<void> {
  if (refusals.length === 0) return Promise.resolve();
  return changeList(db, (entries) => {
    const fresh = new Map(refusals.map((r) => [refusalKey(collection, r.id), r]));
    const others = entries.filter((e) => !fresh.has(e.key));
    const added = [...fresh].map(([key, r]): RefusedChange => {
      const { kept, sent } = row(r.id);
      const words = r.text ? parseStoredText(JSON.stringify(r.text)) : null;
      return { key, collection, id: r.id, code: r.code, ...(r.params ? { params: r.params } : {}), message: r.message, ...(words ? { text: storedText(words) } : {}), refusedAt: at, kept, ...(sent ? { sent } : {}) };
    });
    return [...others, ...added];
  });
}

/** The server took these documents (or already holds these facts): their entries are resolved. */
export function noteTaken(db: ClinicDatabase, collection: CollectionName, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  const taken = new Set(ids.map((id) => refusalKey(collection, id)));
  return changeList(db, (entries) => (entries.some((e) => taken.has(e.key)) ? entries.filter((e) => !taken.has(e.key)) : entries));
}

/** Accepting again only helps where the refusal was about who made it or where. */
export function isAcceptable(entry: Pick<RefusedChange, 'kept' | 'code'>): boolean {
  return entry.kept && (entry.code === 'permission_denied' || entry.code === 'wrong_desk');
}

/** The document signed as `ctx`'s person on `ctx`'s desk; a record's change time is now, a fact keeps its own. */
export function signedAs(collection: CollectionName, doc: WireDocument, ctx: DeskActor): WireDocument {
  const policy = COLLECTION_POLICIES[collection];
  return { ...doc, [policy.actorField]: ctx.actor, [policy.deskField]: ctx.desk, ...(policy.appendOnly ? {} : { [policy.timeField]: ctx.now }) };
}

const refused = (id: MessageId) => new RefusedError(refuse(id));

/** What the audit entry is about. */
function auditSubject(collection: CollectionName, doc: WireDocument): Pick<ActivityDoc, 'entity' | 'entityId'> {
  const text = (key: string) => (typeof doc[key] === 'string' ? (doc[key] as string) : '');
  switch (collection) {
    case 'payments': return { entity: 'payment', entityId: doc.id };
    case 'invoices': return { entity: 'invoice', entityId: doc.id };
    case 'activity': return { entity: text('entity') as ActivityDoc['entity'], entityId: text('entityId') };
    default: return { entity: 'invoice', entityId: text('invoiceId') || doc.id };
  }
}


/**
 * `ctx`'s person accepts a refused fact again: the state that was refused is signed as them on
 * this desk and sent again, with a log entry saying who accepted what and whose it was first.
 * Refused when their role may not make that change — the permission the server will require
 * (push-rules.ts neededPermission), checked on this desk's staff list.
 */
export async function acceptAgain(db: ClinicDatabase, key: string, ctx: DeskActor): Promise<void> {
  const entry = (await readNeedsAttention(db)).find((e) => e.key === key);
  if (!entry) throw refused('conflict.refused.dealtWith');
  // Accepted already (a double click, a second desk window): on its way, nothing to do twice.
  if (entry.acceptedBy) return;
  if (!isAcceptable(entry)) throw refused('conflict.refused.acceptWouldNotHelp');
  const stored = await db[entry.collection].findOne(entry.id).exec();
  if (!stored) throw refused('conflict.refused.recordGone');
  const before = entry.sent ?? (stored.toJSON() as unknown as WireDocument);
  const policy = COLLECTION_POLICIES[entry.collection];
  const firstBy = String(before[policy.actorField] ?? '');
  // The server judged it as this person's: signing it as them again would bring the same answer
  // (and, changing nothing, would not even be sent) — whatever this desk's copy of the staff list says yet.
  if (entry.code === 'permission_denied' && firstBy === ctx.actor) {
    throw refused('conflict.refused.alreadyYours');
  }
  const after = signedAs(entry.collection, before, ctx);
  // The kind of record ("payment", "log entry") is chosen by the message from the collection's name.
  const what = entry.collection;
  await requirePermission(db, ctx.actor, neededPermission(entry.collection, null, after, ctx.actor), text('operation.acceptAgain', { what }));
  const firstName = firstBy ? (await db.staff.findOne(firstBy).exec())?.name : undefined;
  // Marked first, in the list's own queue: a refusal that comes back while this runs replaces the
  // mark (noteRefusals writes a fresh entry), so an entry is never left marked but unsent.
  await changeList(db, (entries) => entries.map((e) => (e.key === key && e.refusedAt === entry.refusedAt ? { ...e, acceptedBy: ctx.actor } : e)));
  try {
    const { _deleted: _ignored, ...fields } = after;
    await (stored as unknown as { incrementalModify(f: (d: Record<string, unknown>) => Record<string, unknown>): Promise<unknown> }).incrementalModify((current) => ({ ...current, ...fields }));
  } catch (err) {
    await changeList(db, (entries) => entries.map((e) => (e.key === key && e.acceptedBy === ctx.actor ? withoutAcceptance(e) : e)));
    throw err;
  }
  await acceptCompanions(db, entry, ctx);
  await db.activity.insert(activityEntry({
    ...auditSubject(entry.collection, before), action: 'sync.acceptedAgain',
    summary: text('log.acceptedAgain', { what, firstName: firstName ?? text('log.someoneNotOnStaff'), message: reasonOf(entry) }),
    ...factStamp(ctx),
  }));
}

/**
 * The other facts of the same command, refused only because this one was (`command_refused`,
 * docs/decisions/0032-command-outbox.md): its log entries go again with it, signed the same way.
 */
async function acceptCompanions(db: ClinicDatabase, entry: RefusedChange, ctx: DeskActor): Promise<void> {
  const operation = entry.id.charAt(36) === '_' ? entry.id.slice(0, 37) : null;
  if (!operation) return;
  const companions = (await readNeedsAttention(db)).filter((e) => e.key !== entry.key && e.id.startsWith(operation) && e.code === 'command_refused' && e.kept && !e.acceptedBy);
  for (const companion of companions) {
    const stored = await db[companion.collection].findOne(companion.id).exec();
    if (!stored) continue;
    const { _deleted: _ignored, ...fields } = signedAs(companion.collection, companion.sent ?? (stored.toJSON() as unknown as WireDocument), ctx);
    await changeList(db, (entries) => entries.map((e) => (e.key === companion.key && e.refusedAt === companion.refusedAt ? { ...e, acceptedBy: ctx.actor } : e)));
    await (stored as unknown as { incrementalModify(f: (d: Record<string, unknown>) => Record<string, unknown>): Promise<unknown> }).incrementalModify((current) => ({ ...current, ...fields }));
  }
}

function withoutAcceptance(entry: RefusedChange): RefusedChange {
  const { acceptedBy: _dropped, ...rest } = entry;
  return rest;
}

/**
 * `ctx`'s person has read this refusal and leaves it: the entry goes. Only where accepting
 * again cannot help — a record change already taken back, or a fact the server will never
 * take as it stands. Such a fact stays on this desk as recorded (it is never deleted); setting
 * it aside needs the permission that kind of fact needs, and the log says who did it and why
 * it had been refused. A fact that someone may accept again is not set aside: it waits for them.
 */
export async function setAside(db: ClinicDatabase, key: string, ctx: DeskActor): Promise<void> {
  const entry = (await readNeedsAttention(db)).find((e) => e.key === key);
  if (!entry) return;
  if (!ctx.actor) throw refused('conflict.refused.signInToSetAside');
  if (isAcceptable(entry)) throw refused('conflict.refused.waitsForAccept');
  if (entry.kept) {
    const what = entry.collection;
    await requirePermission(db, ctx.actor, COLLECTION_POLICIES[entry.collection].write, text('operation.setAsideRefused', { what }));
    const stored = await db[entry.collection].findOne(entry.id).exec();
    await db.activity.insert(activityEntry({
      ...auditSubject(entry.collection, entry.sent ?? (stored?.toJSON() as unknown as WireDocument | undefined) ?? { id: entry.id, _deleted: false }), action: 'sync.refusalSetAside',
      summary: text('log.refusalSetAside', { what, message: reasonOf(entry) }),
      ...factStamp(ctx),
    }));
  }
  await changeList(db, (entries) => entries.filter((e) => e.key !== key));
}
