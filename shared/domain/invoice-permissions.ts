/**
 * Which permission a change to an invoice needs (docs/design.md invariant 9), asked by the
 * desk's data layer before it writes and by the sync server for every pushed invoice,
 * so both refuse the same things.
 *
 * Booking creates a draft, keeps it in step (its service date) and voids it when the
 * booking is cancelled: reception does that, and nothing was issued. Anything that
 * decides what the client is charged — lines, completing, voiding an issued invoice,
 * credit notes — needs billing.
 */
import { changedKeys } from './changed-keys.js';
import type { Permission } from './permissions.js';

type InvoiceLike = Readonly<Record<string, unknown>>;

/** Fields booking may change on a draft. */
const BOOKING_FIELDS: ReadonlySet<string> = new Set(['serviceDate', 'bookingId', 'updatedAt', 'updatedBy', 'deskId']);

export function invoiceChangePermission(before: InvoiceLike | null, after: InvoiceLike): Permission {
  const isDraftInvoice = (d: InvoiceLike) => d.kind === 'invoice' && d.status === 'draft' && d._deleted !== true;
  if (!before || before._deleted === true) return isDraftInvoice(after) ? 'book' : 'billing';
  if (before.status !== 'draft' || before.kind !== 'invoice') return 'billing';
  // A draft voided (or deleted) untouched otherwise: the booking was cancelled.
  const changed = changedKeys(before, after).filter((k) => !['_meta', '_rev', '_attachments'].includes(k));
  if (after.status === 'void' || after._deleted === true) {
    return changed.every((k) => k === 'status' || k === '_deleted' || BOOKING_FIELDS.has(k)) ? 'book' : 'billing';
  }
  return isDraftInvoice(after) && changed.every((k) => BOOKING_FIELDS.has(k)) ? 'book' : 'billing';
}
