/**
 * What the clinic's sync server does with one pushed row (docs/design.md invariants 2, 3, 9):
 * take it, call it a conflict (and send back the stored state), refuse it with a message
 * a receptionist understands (a Text each desk words in its reader's language, with its
 * English), or ignore it because it changes nothing. Pure: the server
 * reads the stored state and the acting staff member inside its push transaction and
 * asks these rules; numbering and storage stay in the server. Imported by server/ (and
 * by any test or client that wants to predict the server); imports shared/ only.
 */
import type { CollectionName } from '../schemas/index.js';
import type { StaffRole } from '../schemas/staff.js';
import { text, type Text } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';
import { hasPermission, SYSTEM_ACTOR, type Permission } from '../domain/permissions.js';
import { awaitsNumber } from '../domain/invoice-numbering.js';
import { staffChangePermission } from '../domain/staff-permissions.js';
import { invoiceChangePermission } from '../domain/invoice-permissions.js';
import { paymentRequestChangePermission } from '../domain/payment-request-permissions.js';
import { paymentIdFor } from '../domain/payment-link-events.js';
import { refundIdFor, refundReversalIdFor } from '../domain/refund-facts.js';
import { systemRequestChangeRefusal } from '../domain/system-request-changes.js';
import { activationChangeRefusal } from '../domain/activation.js';
import { isChasingFee } from '../domain/reminder-fees.js';
import { DESK_ACTOR } from '../domain/setup.js';
import { COLLECTION_POLICIES } from './collections.js';
import type { PushRow, RefusalParams, WireDocument } from './protocol.js';
import type { RefusalCode } from './refusal-codes.js';

/** The staff member signed in on the pushing desk, as the server has them stored. */
export interface ActingStaff {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly StaffRole[];
  readonly active: boolean;
}

export type PushDecision =
  /** Already stored exactly so: a push sent twice is not a conflict. */
  | { readonly kind: 'unchanged' }
  /** The desk's view is stale or the change is not allowed on this document: the stored state wins. */
  | { readonly kind: 'conflict'; readonly current: WireDocument }
  /** The acting staff member may not make this change at all: why, as a Text and in English. */
  | { readonly kind: 'refused'; readonly code: RefusalCode; readonly params?: RefusalParams; readonly message: string; readonly text: Text }
  /**
   * Store `document`. `invoiceNumber`: 'assign' = give it the clinic's next number;
   * a number = the desk brings its own (a standalone desk's history), which the server
   * takes only if no other invoice holds it; null = no numbering.
   */
  | { readonly kind: 'write'; readonly document: WireDocument; readonly invoiceNumber: 'assign' | number | null };

export interface PushRuleContext {
  readonly collection: CollectionName;
  /** The pushing device's desk id (told to the server when it enrolled). */
  readonly deskId: string;
  /**
   * When the server first saw this desk record desks (ISO), or null: a change that names no
   * desk ('', made before desks were recorded) is taken only if it is older than that.
   */
  readonly deskSince: string | null;
  /** The clinic's stored staff members named as actors in this push, by id. */
  readonly staff: ReadonlyMap<string, ActingStaff>;
  /**
   * Whether the pushing device created the clinic on this server (devices.founding): only
   * that desk's own invoice series, numbered before it synced, is taken over (invariant 3).
   */
  readonly foundingDesk?: boolean;
}

/** Who a pushed document says made its change, on which desk, and when (invariant 11). */
export interface RecordedActor {
  readonly actor: string;
  readonly desk: string;
  readonly at: string;
}

const field = (doc: WireDocument, key: string): string => (typeof doc[key] === 'string' ? doc[key] : '');

export function recordedActor(collection: CollectionName, doc: WireDocument): RecordedActor {
  const policy = COLLECTION_POLICIES[collection];
  return { actor: field(doc, policy.actorField), desk: field(doc, policy.deskField), at: field(doc, policy.timeField) };
}

/**
 * What a refusal says was not taken: a pushed change (by its collection) or one of the server's
 * admin requests. The catalogue words each (`{what, select, …}` in the `syncRule.*` messages:
 * "this invoice change", "this request for an enrolment code").
 */
export type RefusedWhat = CollectionName | 'enrolmentCodeRequest' | 'deviceListRequest' | 'signOutRequest';

/** The name a staff document without one is given (English; its messages say it in each language). */
const UNNAMED_STAFF = 'This staff member';

const ROLES: ReadonlySet<string> = new Set<StaffRole>(['admin', 'billing', 'reception', 'practitioner']);

/** A stored staff document as the acting staff member; null when absent, deleted or malformed. */
export function actingStaffFrom(doc: WireDocument | null | undefined): ActingStaff | null {
  if (!doc || doc._deleted) return null;
  const roles = Array.isArray(doc.roles) ? doc.roles.filter((r): r is StaffRole => typeof r === 'string' && ROLES.has(r)) : [];
  return {
    id: doc.id,
    name: typeof doc.name === 'string' && doc.name.trim() !== '' ? doc.name : UNNAMED_STAFF,
    roles,
    active: doc.active === true,
  };
}

/** JSON with object keys sorted, so equal documents give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deep equality of two states, key order ignored; a missing state equals only a missing one. */
export function sameState(a: WireDocument | null | undefined, b: WireDocument | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return canonicalJson(a) === canonicalJson(b);
}

/** The staff member as a message names them: their name, or "This staff member" in the reader's words. */
const nameOf = (staff: ActingStaff): string | Text => (staff.name === UNNAMED_STAFF ? text('syncRule.unnamedStaff') : staff.name);

/**
 * Why this staff member may not do `what` (a push, "this payment", or an admin request, "this
 * request for an enrolment code"), as a Text, or null when they may. Shared by pushes and the
 * server's admin routes so the wording is the same everywhere.
 */
export function staffPermissionProblem(staffId: string | null, staff: ActingStaff | null, permission: Permission, what: RefusedWhat): Text | null {
  if (!staffId) return text('syncRule.noStaffSignedIn', { what });
  if (!staff) return text('syncRule.staffUnknown', { what });
  if (!staff.active) return text('syncRule.staffInactive', { name: nameOf(staff), what });
  if (!hasPermission(staff.roles, permission)) return text('syncRule.staffLacksPermission', { name: nameOf(staff), permission, what });
  return null;
}

type Refusal = Extract<PushDecision, { kind: 'refused' }>;
const refusal = (code: RefusalCode, said: Text, params?: RefusalParams): Refusal => ({ kind: 'refused', code, message: inEnglish(said), text: said, ...(params ? { params } : {}) });

/**
 * A new change must come from the desk it names (invariant 11): a desk never pushes another
 * desk's change, so a mismatch is a copied or forged document. A change that names no desk
 * was made before desks were recorded, and is taken only if it is older than this desk's
 * first push that recorded desks.
 */
export function deskProblem(ctx: PushRuleContext, who: RecordedActor): Refusal | null {
  if (who.desk === ctx.deskId) return null;
  if (who.desk === '' && ctx.deskSince !== null && who.at !== '' && who.at <= ctx.deskSince) return null;
  return refusal('wrong_desk', text('syncRule.wrongDesk', { what: ctx.collection }), { desk: who.desk });
}

/** What the system may write by itself (the desk's sending, chasing and provider events), whoever is signed in. */
function systemWriteProblem(collection: CollectionName, stored: WireDocument | null, next: WireDocument): Refusal | null {
  const allowed = collection === 'activity' || collection === 'messages'
    || (collection === 'payments' && (isChasingFee(next) || isProviderPayment(next)))
    || (collection === 'paymentrequests' && paymentRequestChangePermission(stored, next) === 'book');
  if (!allowed) return refusal('system_write', text('syncRule.notSystemWork', { what: collection }));
  // Within what the one rule for the system's request changes allows (docs/decisions/0022).
  const problem = collection === 'paymentrequests' ? systemRequestChangeRefusal(stored, next) : null;
  return problem ? refusal('system_write', text('syncRule.systemWriteBroken', { problem, what: collection })) : null;
}

/**
 * A payment the provider reported for a link (payment-link-events.ts): money in or a refund,
 * by payment link, named after the provider's own reference. The amount is the provider's; the
 * server cannot ask the provider on a desk's behalf, so this is the bound (decision 0022).
 */
function isProviderPayment(next: WireDocument): boolean {
  if (next.method !== 'payment_link' || typeof next.externalRef !== 'string' || next.externalRef === '') return false;
  // Its id comes from the provider's reference, so one provider payment is one fact on every desk.
  // A failed or cancelled refund's money coming back is a payment named after the refund (refund-facts.ts).
  if (next.kind === 'payment') return next.id === paymentIdFor(next.externalRef) || next.id === refundReversalIdFor(next.externalRef);
  return next.kind === 'refund' && next.id === refundIdFor(next.externalRef);
}

/**
 * A clinic's setup is recorded as the desk's own (DESK_ACTOR: nobody has signed in yet). A desk
 * that set up alone and later joins a server uploads that history, so the server takes the
 * setup's documents — the clinic settings and a service, never staff (the clinic's first
 * admin arrives with the clinic) — when they are new to it and older than the desk's first
 * push; nothing later may be recorded as the setup's.
 */
function setupWriteProblem(ctx: PushRuleContext, stored: WireDocument | null, who: RecordedActor): Refusal | null {
  const setupDocument = ctx.collection === 'settings' || ctx.collection === 'services';
  const history = ctx.deskSince !== null && who.at !== '' && who.at <= ctx.deskSince;
  if (setupDocument && stored === null && history) return null;
  return refusal('permission_denied', text('syncRule.setupIsOver', { what: ctx.collection }), { actor: who.actor });
}

/**
 * The permission a staff member needs to make this change (`actor` makes it): the one rule
 * for the server's pushes and for a desk that predicts them (accepting a refused fact again).
 * A reminder fee is the chasing's (recorded as the system's); other money facts need billing.
 */
export function neededPermission(collection: CollectionName, stored: WireDocument | null, next: WireDocument, actor: string): Permission {
  if (collection === 'paymentrequests') return paymentRequestChangePermission(stored, next);
  if (collection === 'invoices') return invoiceChangePermission(stored, next);
  if (collection === 'staff') return staffChangePermission(stored, next, actor);
  return COLLECTION_POLICIES[collection].write;
}

/**
 * Why the recorded actor may not make this change, or null when they may: a staff member of
 * this clinic, active, with the permission the change needs — never whoever is signed in
 * when the desk pushes (invariant 11).
 */
export function permissionProblem(ctx: PushRuleContext, stored: WireDocument | null, next: WireDocument): Refusal | null {
  const who = recordedActor(ctx.collection, next);
  if (who.actor === SYSTEM_ACTOR) return systemWriteProblem(ctx.collection, stored, next);
  if (who.actor === DESK_ACTOR) return setupWriteProblem(ctx, stored, who);
  const needed = neededPermission(ctx.collection, stored, next, who.actor);
  // Who is signed in when the desk pushes plays no part: a change that names nobody is refused as such.
  if (who.actor === '') return refusal('permission_denied', text('syncRule.noActor', { what: ctx.collection }), { actor: '' });
  const problem = staffPermissionProblem(who.actor, ctx.staff.get(who.actor) ?? null, needed, ctx.collection);
  return problem ? refusal('permission_denied', problem, { actor: who.actor }) : null;
}

/** A money fact the server would never take, whoever sent it (docs/design.md invariant 8). */
function paymentProblem(doc: WireDocument): Text | null {
  const amount = doc.amountMinor;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return text('syncRule.payment.notPositive');
  if (doc.kind === 'fee' && (doc.method !== 'other' || !isChasingFee(doc))) return text('syncRule.payment.feeNotByChasing');
  if (doc.kind === 'credit_applied' && doc.method !== 'client_credit') return text('syncRule.payment.creditMethod');
  if (doc.kind !== 'credit_applied' && doc.method === 'client_credit') return text('syncRule.payment.creditOnlyForCredit');
  return null;
}

const LOCKED_INVOICE_STATUSES: ReadonlySet<unknown> = new Set(['completed', 'void']);
/** What a desk may change when it voids a completed invoice: the status and who/when. */
const VOID_MAY_CHANGE = ['status', 'updatedAt', 'updatedBy', 'deskId'] as const;

function without(doc: WireDocument, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...doc };
  for (const k of keys) delete copy[k];
  return copy;
}

/** completed → void and nothing else: the invoice keeps its number and content (invariant 3). */
export function isPlainVoid(stored: WireDocument, next: WireDocument): boolean {
  return stored.status === 'completed' && !stored._deleted && next.status === 'void' && next._deleted === false
    && canonicalJson(without(stored, VOID_MAY_CHANGE)) === canonicalJson(without(next, VOID_MAY_CHANGE));
}

/**
 * A number a desk gave an invoice itself is taken only as the history of a standalone desk
 * whose clinic was created on the server from it: by the founding desk, for an invoice
 * completed before that desk first synced. Any other desk-made number is a forgery that would
 * move the clinic's series (docs/decisions/0022-system-write-bounds.md).
 */
function takesDeskNumber(ctx: PushRuleContext, next: WireDocument): boolean {
  const completedAt = typeof next.completedAt === 'string' ? next.completedAt : '';
  return ctx.foundingDesk === true && ctx.deskSince !== null && completedAt !== '' && completedAt <= ctx.deskSince;
}

function decideInvoice(ctx: PushRuleContext, stored: WireDocument | null, next: WireDocument): PushDecision {
  if (stored && !stored._deleted && LOCKED_INVOICE_STATUSES.has(stored.status)) {
    // Numbered invoices are never rewritten or deleted; corrections are credit notes.
    return isPlainVoid(stored, next) ? { kind: 'write', document: next, invoiceNumber: null } : { kind: 'conflict', current: stored };
  }
  if (next._deleted) return { kind: 'write', document: next, invoiceNumber: null };
  if (awaitsNumber(next)) return { kind: 'write', document: next, invoiceNumber: 'assign' };
  if (LOCKED_INVOICE_STATUSES.has(next.status) && next.number !== 0) {
    const n = next.number;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      return refusal('invoice_number', text('syncRule.invoice.noValidNumber'));
    }
    if (!takesDeskNumber(ctx, next)) {
      // The number as text: an invoice number is written without grouping in every language.
      return refusal('invoice_number', text('syncRule.invoice.numberedByDesk', { number: String(n) }), { number: n });
    }
    return { kind: 'write', document: next, invoiceNumber: n };
  }
  return { kind: 'write', document: next, invoiceNumber: null };
}

/**
 * The decision for one row. Order matters: an exact re-push is harmless whoever sends
 * it; a stale desk gets the stored state before anything else is judged (RxDB then
 * resolves and pushes again); only then do permissions and per-collection rules apply.
 */
export function decidePushRow(ctx: PushRuleContext, stored: WireDocument | null, row: PushRow): PushDecision {
  const next = row.newDocumentState;
  if (stored && sameState(stored, next)) return { kind: 'unchanged' };
  // A desk that assumes a state the server does not hold (e.g. a restored server) has
  // nothing to overwrite: that row is judged as an insert rather than bounced forever.
  if (stored && !sameState(row.assumedMasterState, stored)) return { kind: 'conflict', current: stored };

  const who = recordedActor(ctx.collection, next);
  const wrongDesk = deskProblem(ctx, who);
  if (wrongDesk) return wrongDesk;
  const denied = permissionProblem(ctx, stored, next);
  if (denied) return denied;

  if (COLLECTION_POLICIES[ctx.collection].appendOnly) {
    // Facts are inserted once; an edit or deletion of a stored fact never wins.
    if (stored) return { kind: 'conflict', current: stored };
    if (next._deleted) return refusal('fact_is_final', text('syncRule.factIsFinal', { what: ctx.collection }));
    if (ctx.collection === 'payments') {
      const problem = paymentProblem(next);
      if (problem) return refusal('rule_broken', problem);
    }
    return { kind: 'write', document: next, invoiceNumber: null };
  }
  if (ctx.collection === 'invoices') return decideInvoice(ctx, stored, next);
  if (ctx.collection === 'settings') {
    const moved = activationChangeRefusal(stored, next);
    if (moved) return refusal('rule_broken', moved);
  }
  return { kind: 'write', document: next, invoiceNumber: null };
}
