/**
 * Which permission a change to a payment request needs, asked by the desk's data layer
 * and by the sync server for every pushed request (docs/design.md invariant 9).
 *
 * Staff asking for money, cancelling or resending need billing. Booking in Automatic
 * mode schedules a link for the balance (link-amount.ts) and keeps its time in step
 * with the booking — reception does that. The desk's own sending work (status, link,
 * expiry, problem and its Text), recorded as 'system', needs only booking: it moves no money, and a
 * desk signed in as reception still sends what is due.
 */
import type { PaymentRequestDoc } from '../schemas/index.js';
import { SYSTEM_ACTOR, type Permission } from './permissions.js';
import { isAutomaticLink } from './link-amount.js';

type Doc = Readonly<Record<string, unknown>>;

const SYSTEM_FIELDS: ReadonlySet<string> = new Set(['status', 'sentAt', 'linkUrl', 'providerRef', 'expiresAt', 'problem', 'problemText', 'amountMinor', 'updatedAt', 'updatedBy', 'deskId']);
const AUTOMATIC_FIELDS: ReadonlySet<string> = new Set(['sendAt', 'status', 'updatedAt', 'updatedBy', 'deskId']);
const LOCAL = new Set(['_meta', '_rev', '_attachments']);

function changed(a: Doc, b: Doc): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !LOCAL.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const isAutomatic = (d: Doc) => typeof d.amountMinor === 'number' && isAutomaticLink({ purpose: d.purpose as PaymentRequestDoc['purpose'], amountMinor: d.amountMinor });

export function paymentRequestChangePermission(before: Doc | null, after: Doc): Permission {
  if (!before || before._deleted === true) {
    if (isAutomatic(after) && after.status === 'scheduled') return 'book';
    // Chasing steps are written by the desk's scheduler.
    if (after.updatedBy === SYSTEM_ACTOR && typeof after.purpose === 'string' && after.purpose !== 'payment_link') return 'book';
    return 'billing';
  }
  const keys = changed(before, after);
  if (after.updatedBy === SYSTEM_ACTOR && keys.every((k) => SYSTEM_FIELDS.has(k))) return 'book';
  if (isAutomatic(before) && before.status === 'scheduled' && keys.every((k) => AUTOMATIC_FIELDS.has(k))
    && (after.status === 'scheduled' || after.status === 'cancelled')) return 'book';
  return 'billing';
}
