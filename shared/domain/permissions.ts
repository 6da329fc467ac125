/**
 * Who may do what (docs/product.md "Staff and permissions", docs/design.md invariant 9).
 * Enforced where the effect happens — the data layer and the sync server — not only
 * by hiding buttons.
 */
import type { StaffRole } from '../schemas/staff.js';
import type { MessageId } from '../i18n/text.js';

/**
 * The actor recorded on work the desk or server does by itself (sending due links,
 * chasing, applying provider events). No staff document has this id.
 */
export const SYSTEM_ACTOR = 'system';

export type Permission =
  | 'book'        // create and change bookings, clients
  | 'billing'     // take payments, edit/complete/void/credit invoices, send links
  | 'admin';      // staff and settings

const GRANTS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: ['admin', 'billing', 'book'],
  billing: ['billing', 'book'],
  reception: ['book'],
  practitioner: ['book'],
};

export function hasPermission(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

/** Each permission's name in running text ("the billing permission"), as a catalogue id. */
export const PERMISSION_LABELS: Readonly<Record<Permission, MessageId>> = {
  book: 'staff.permission.book',
  billing: 'staff.permission.billing',
  admin: 'staff.permission.admin',
};

/**
 * A practitioner who is nothing else (not reception, billing or admin) works in their own
 * calendar column and sees their own clients' invoices; everyone else sees the clinic.
 */
export function seesOnlyOwnCalendar(roles: readonly StaffRole[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'practitioner');
}
