/**
 * How a desk settles a replication conflict: it pushed `newDocumentState` (its edit of
 * `assumedMasterState`, the server state it last saw) but the server already holds
 * `realMasterState`. The answer depends on the kind of document (docs/decisions/0006-conflict-rules.md):
 *
 * - facts (append-only collections): the server's copy wins, there is nothing to merge;
 * - invoices: a completed or void master is final; a desk's completion beats draft edits;
 * - everything else (and draft vs draft invoices): a field-by-field three-way merge.
 *
 * Every rule is pure and never looks at which desk is resolving, and client clocks only
 * break ties between two concurrent values (they never decide whether a change is kept).
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { CollectionName } from '../schemas/index.js';
import { COLLECTION_POLICIES } from './collections.js';

type Doc = WithDeleted<Record<string, unknown>>;
type Fields = Readonly<Record<string, unknown>>;

/** RxDB's local bookkeeping: never replicated, never part of a document's content. */
const LOCAL_KEYS: ReadonlySet<string> = new Set(['_meta', '_rev', '_attachments']);
/** Fields a merge settles on its own rules rather than field by field. */
const SPECIAL_KEYS: ReadonlySet<string> = new Set([...LOCAL_KEYS, '_deleted', 'updatedAt', 'updatedBy', 'deskId']);

/**
 * When both sides changed `status`, the later one in the life cycle wins: a cancellation
 * is never undone by a concurrent edit, and an invoice never moves back towards draft.
 */
const STATUS_RANK: Partial<Record<CollectionName, Readonly<Record<string, number>>>> = {
  bookings: { booked: 0, cancelled: 1 },
  invoices: { draft: 0, completed: 1, void: 2 },
};

/**
 * What a completed invoice says to the client: taken from the desk that completed it, even
 * where only the master edited the draft, so the issued invoice is exactly what was shown
 * and charged at the desk (invariant 3: an issued invoice is never rewritten).
 */
const ISSUED_INVOICE_FIELDS: ReadonlySet<string> = new Set([
  'kind', 'status', 'clientId', 'creditsInvoiceId', 'currency', 'lines', 'number', 'invoiceDate', 'dueDate', 'completedAt',
]);

/** JSON with object keys sorted at every level (and undefined properties dropped); '' for undefined. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Fields;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The replicated content of a document: no RxDB bookkeeping, `_deleted` always present. */
export function syncState(doc: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!LOCAL_KEYS.has(k)) out[k] = v;
  out._deleted = doc._deleted === true;
  return out;
}

/** Deep equality of the replicated content: key order and RxDB's `_meta`/`_rev`/`_attachments` ignored. */
export function isEqualForSync(a: Fields, b: Fields): boolean {
  return canonicalJson(syncState(a)) === canonicalJson(syncState(b));
}

function contentKeys(...docs: Fields[]): string[] {
  const keys = new Set<string>();
  for (const doc of docs) for (const k of Object.keys(doc)) if (!SPECIAL_KEYS.has(k)) keys.add(k);
  return [...keys].sort();
}

/**
 * Who a merged change is recorded as: the merge is a new change this desk makes and pushes,
 * so it names this desk's side — its staff member and its desk (docs/design.md invariant 11:
 * the server takes a new change only from the desk it names, and checks that person's
 * permission for what changed). Its time is the later of the two, so a value both sides
 * changed is settled the same way when the result is resolved again.
 */
function mergedAudit(n: Fields, r: Fields): Fields {
  const [tn, tr] = [text(n.updatedAt), text(r.updatedAt)];
  return { updatedAt: tn >= tr ? n.updatedAt : r.updatedAt, updatedBy: n.updatedBy, deskId: n.deskId };
}

/** The merge left nothing of this desk's: the master as it is, so nothing is pushed again. */
function masterIfSame(merged: Doc, r: Doc): Doc {
  const content = (d: Fields) => ({ ...syncState(d), updatedAt: undefined, updatedBy: undefined, deskId: undefined });
  return isEqualForSync(content(merged), content(r)) ? r : merged;
}

/** A value both sides changed, differently: status life cycle, then later updatedAt, then larger canonical JSON. */
function concurrentValue(collection: CollectionName, key: string, n: Fields, r: Fields): unknown {
  const rank = key === 'status' ? STATUS_RANK[collection] : undefined;
  const [rn, rr] = [rank?.[text(n[key])], rank?.[text(r[key])]];
  if (rn !== undefined && rr !== undefined && rn !== rr) return rn > rr ? n[key] : r[key];
  const [tn, tr] = [text(n.updatedAt), text(r.updatedAt)];
  if (tn !== tr) return tn > tr ? n[key] : r[key];
  return canonicalJson(n[key]) > canonicalJson(r[key]) ? n[key] : r[key];
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
  return fields;
}

/**
 * Field-by-field three-way merge. A field only one side changed keeps that change, so two
 * desks editing different fields (one reschedules, one changes practitioner) both win; a
 * field both changed gets a winner that does not depend on which desk resolves. A deletion
 * on either side wins: a deleted record must not come back because someone edited it.
 */
function mergeFields(collection: CollectionName, n: Fields, r: Fields, base: Fields): Doc {
  const out: Record<string, unknown> = {};
  for (const key of contentKeys(n, r, base)) {
    const nChanged = !same(n[key], base[key]);
    const rChanged = !same(r[key], base[key]);
    if (!nChanged) out[key] = r[key];
    else if (!rChanged || same(n[key], r[key])) out[key] = n[key];
    else out[key] = concurrentValue(collection, key, n, r);
  }
  Object.assign(out, mergedAudit(n, r));
  out._deleted = n._deleted === true || r._deleted === true;
  return masterIfSame(withoutUndefined(out) as Doc, r as Doc);
}

/** True when `a` and `b` differ at most in status and who/when changed them. */
function differsOnlyInStatus(a: Fields, b: Fields): boolean {
  const strip = (d: Fields) => ({ ...syncState(d), status: undefined, updatedAt: undefined, updatedBy: undefined, deskId: undefined });
  return isEqualForSync(strip(a), strip(b));
}

/**
 * Invoices (invariant 3). A completed or void master is final: a desk's edit never rewrites
 * it, except that a desk's void of that completed invoice (status → void, nothing else
 * changed from what the desk saw, or from the master) is kept, because voiding is how a
 * completed invoice is corrected; the void carries the master's content and number. A desk that
 * completed a draft wins over edits to the draft (see ISSUED_INVOICE_FIELDS); the number
 * stays the desk's (0 while pending), since only the server assigns numbers.
 */
function resolveInvoice(n: Doc, r: Doc, base: Fields): Doc {
  if (r.status === 'completed' || r.status === 'void') {
    const voidsMaster = r.status === 'completed' && n.status === 'void'
      && ((base.status === 'completed' && differsOnlyInStatus(n, base)) || differsOnlyInStatus(n, r));
    if (!voidsMaster) return r;
    return withoutUndefined({ ...r, status: 'void', ...mergedAudit(n, r) }) as Doc;
  }
  if (n.status === 'completed') {
    const out: Record<string, unknown> = {};
    for (const key of contentKeys(n, r, base)) {
      out[key] = ISSUED_INVOICE_FIELDS.has(key) || !same(n[key], base[key]) ? n[key] : r[key];
    }
    // The completion is the latest meaningful act; an issued invoice is never deleted by a
    // concurrent deletion of its draft.
    out.updatedAt = n.updatedAt;
    out.updatedBy = n.updatedBy;
    out.deskId = n.deskId;
    out._deleted = n._deleted === true;
    return withoutUndefined(out) as Doc;
  }
  return mergeFields('invoices', n, r, base);
}

/** What activating payments writes together (shared/domain/activation.ts): never mixed from two activations. */
const ACTIVATION_FIELDS = ['invoicingActivatedAt', 'billingProcess', 'paymentProvider'] as const;

/**
 * Settings merge field by field, except an activation (decision 0035): when this desk activated
 * payments while the server's copy was activated too (by another desk, first), the server's
 * moment, process and provider win together — a field-by-field merge would make an activation
 * nobody chose, and the moment is final once the server holds it.
 */
function resolveSettings(n: Fields, r: Fields, base: Fields): Doc {
  const merged = mergeFields('settings', n, r, base) as Record<string, unknown>;
  const activatedHere = !base.invoicingActivatedAt && Boolean(n.invoicingActivatedAt);
  if (!activatedHere || !r.invoicingActivatedAt) return merged as Doc;
  for (const key of ACTIVATION_FIELDS) merged[key] = r[key];
  return masterIfSame(merged as Doc, r as Doc);
}

/** The merged document for one conflict. Pure and synchronous; the result is for the fork. */
export function resolveConflict<T>(collection: CollectionName, input: RxConflictHandlerInput<T>): WithDeleted<T> {
  const n = input.newDocumentState as unknown as Doc;
  const r = input.realMasterState as unknown as Doc;
  // No assumed master: both sides created the same id independently, so every field is new.
  const base: Fields = input.assumedMasterState ? syncState(input.assumedMasterState as unknown as Fields) : {};
  // Facts (invariant 2): one id names one fact, so the server's copy is that same fact.
  if (COLLECTION_POLICIES[collection].appendOnly) return input.realMasterState;
  if (collection === 'invoices') return resolveInvoice(syncState(n) as Doc, syncState(r) as Doc, base) as WithDeleted<T>;
  if (collection === 'settings') return resolveSettings(syncState(n), syncState(r), base) as WithDeleted<T>;
  return mergeFields(collection, syncState(n), syncState(r), base) as WithDeleted<T>;
}

/** RxDB conflict handler for one collection, for the desks' replication. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function conflictHandlerFor(collection: CollectionName): RxConflictHandler<any> {
  return {
    isEqual: (a, b) => isEqualForSync(a, b),
    resolve: (input) => Promise.resolve(resolveConflict(collection, input)),
  };
}
