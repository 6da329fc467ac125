/**
 * What the clinic's sync server does with one pushed row (docs/design.md invariants 2, 3, 9):
 * take it, call it a conflict (and send back the stored state), refuse it with a message
 * a receptionist understands, or ignore it because it changes nothing. Pure: the server
 * reads the stored state and the acting staff member inside its push transaction and
 * asks these rules; numbering and storage stay in the server. Imported by server/ (and
 * by any test or client that wants to predict the server); imports shared/ only.
 */
import type { CollectionName } from '../schemas/index.js';
import type { StaffRole } from '../schemas/staff.js';
import { hasPermission, PERMISSION_LABELS, type Permission } from '../domain/permissions.js';
import { awaitsNumber } from '../domain/invoice-numbering.js';
import { invoiceChangePermission } from '../domain/invoice-permissions.js';
import { paymentRequestChangePermission } from '../domain/payment-request-permissions.js';
import { isChasingFee } from '../domain/reminder-fees.js';
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
  /** The acting staff member may not make this change at all. */
  | { readonly kind: 'refused'; readonly code: RefusalCode; readonly params?: RefusalParams; readonly message: string }
  /**
   * Store `document`. `invoiceNumber`: 'assign' = give it the clinic's next number;
   * a number = the desk brings its own (a standalone desk's history), which the server
   * takes only if no other invoice holds it; null = no numbering.
   */
  | { readonly kind: 'write'; readonly document: WireDocument; readonly invoiceNumber: 'assign' | number | null };

export interface PushRuleContext {
  readonly collection: CollectionName;
  /** The x-frontdesk-staff header, or null when the desk sent none. */
  readonly staffId: string | null;
  /** That staff member's stored document, read as ActingStaff; null when unknown. */
  readonly staff: ActingStaff | null;
}

/** How a refusal names what was not taken. */
const WHAT: Readonly<Record<CollectionName, string>> = {
  settings: 'this change to the clinic settings',
  staff: 'this change to the staff list',
  services: 'this change to the services',
  clients: 'this change to a client',
  bookings: 'this booking change',
  invoices: 'this invoice change',
  payments: 'this payment',
  paymentrequests: 'this payment request',
  messages: 'this message record',
  activity: 'this activity log entry',
};

const ROLES: ReadonlySet<string> = new Set<StaffRole>(['admin', 'billing', 'reception', 'practitioner']);

/** A stored staff document as the acting staff member; null when absent, deleted or malformed. */
export function actingStaffFrom(doc: WireDocument | null | undefined): ActingStaff | null {
  if (!doc || doc._deleted) return null;
  const roles = Array.isArray(doc.roles) ? doc.roles.filter((r): r is StaffRole => typeof r === 'string' && ROLES.has(r)) : [];
  return {
    id: doc.id,
    name: typeof doc.name === 'string' && doc.name.trim() !== '' ? doc.name : 'This staff member',
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

/**
 * Why this staff member may not do `what` (e.g. "create an enrolment code" phrased as
 * "the server did not take this payment"), or null when they may. Shared by pushes and
 * the server's admin routes so the wording is the same everywhere.
 */
export function staffPermissionProblem(staffId: string | null, staff: ActingStaff | null, permission: Permission, what: string): string | null {
  if (!staffId) return `No staff member is signed in on this desk, so the server did not take ${what}. Sign in and try again.`;
  if (!staff) return `The staff member signed in on this desk is not on the clinic's staff list, so the server did not take ${what}.`;
  if (!staff.active) return `${staff.name} is no longer active at the clinic, so the server did not take ${what}.`;
  if (!hasPermission(staff.roles, permission)) {
    return `${staff.name} does not have the ${PERMISSION_LABELS[permission]} permission, so the server did not take ${what}.`;
  }
  return null;
}

/** Why the acting staff member may not write this document here, or null when they may. */
export function permissionProblem(ctx: PushRuleContext, next: WireDocument): string | null {
  // A reminder fee is the desk's own chasing work, sent whoever is signed in (like the
  // chasing step itself, payment-request-permissions.ts); other money facts need billing.
  const needed = ctx.collection === 'payments' && isChasingFee(next) ? 'book' : COLLECTION_POLICIES[ctx.collection].write;
  return staffPermissionProblem(ctx.staffId, ctx.staff, needed, WHAT[ctx.collection]);
}

/** A money fact the server would never take, whoever sent it (docs/design.md invariant 8). */
function paymentProblem(doc: WireDocument): string | null {
  const amount = doc.amountMinor;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return 'A payment, refund, use of credit or reminder fee must be a positive amount, so the server did not take it.';
  if (doc.kind === 'fee' && (doc.method !== 'other' || !isChasingFee(doc))) return 'A reminder fee is charged only by the chasing, so the server did not take this one.';
  if (doc.kind === 'credit_applied' && doc.method !== 'client_credit') return 'Client credit used on an invoice must be recorded as client credit, so the server did not take it.';
  if (doc.kind !== 'credit_applied' && doc.method === 'client_credit') return 'Only a use of client credit can have client credit as its method, so the server did not take it.';
  return null;
}

const LOCKED_INVOICE_STATUSES: ReadonlySet<unknown> = new Set(['completed', 'void']);
/** What a desk may change when it voids a completed invoice: the status and who/when. */
const VOID_MAY_CHANGE = ['status', 'updatedAt', 'updatedBy'] as const;

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

function decideInvoice(stored: WireDocument | null, next: WireDocument): PushDecision {
  if (stored && !stored._deleted && LOCKED_INVOICE_STATUSES.has(stored.status)) {
    // Numbered invoices are never rewritten or deleted; corrections are credit notes.
    return isPlainVoid(stored, next) ? { kind: 'write', document: next, invoiceNumber: null } : { kind: 'conflict', current: stored };
  }
  if (next._deleted) return { kind: 'write', document: next, invoiceNumber: null };
  if (awaitsNumber(next)) return { kind: 'write', document: next, invoiceNumber: 'assign' };
  if (LOCKED_INVOICE_STATUSES.has(next.status) && next.number !== 0) {
    const n = next.number;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      return { kind: 'refused', code: 'invoice_number', message: 'This invoice has no valid number, so the server did not take it.' };
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

  const problem = permissionProblem(ctx, next);
  if (problem) return { kind: 'refused', code: 'permission_denied', message: problem };

  if (COLLECTION_POLICIES[ctx.collection].appendOnly) {
    // Facts are inserted once; an edit or deletion of a stored fact never wins.
    if (stored) return { kind: 'conflict', current: stored };
    if (next._deleted) return { kind: 'refused', code: 'fact_is_final', message: `Records like ${WHAT[ctx.collection]} are never deleted, so the server did not take the deletion.` };
    if (ctx.collection === 'payments') {
      const problem = paymentProblem(next);
      if (problem) return { kind: 'refused', code: 'rule_broken', message: problem };
    }
    return { kind: 'write', document: next, invoiceNumber: null };
  }
  if (ctx.collection === 'paymentrequests' && paymentRequestChangePermission(stored, next) === 'billing') {
    const billingProblem = staffPermissionProblem(ctx.staffId, ctx.staff, 'billing', WHAT.paymentrequests);
    if (billingProblem) return { kind: 'refused', code: 'permission_denied', message: billingProblem };
  }
  if (ctx.collection === 'invoices') {
    const needed = invoiceChangePermission(stored, next);
    const billingProblem = needed === 'billing' ? staffPermissionProblem(ctx.staffId, ctx.staff, 'billing', WHAT.invoices) : null;
    if (billingProblem) return { kind: 'refused', code: 'permission_denied', message: billingProblem };
    return decideInvoice(stored, next);
  }
  return { kind: 'write', document: next, invoiceNumber: null };
}
