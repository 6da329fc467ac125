/**
 * Which permission a change to a staff document needs (docs/design.md invariant 9;
 * docs/decisions/0023-staff-sign-in.md), asked by the desk's data layer before it writes and
 * by the sync server for every pushed staff document, so both refuse the same things.
 *
 * Staff are the admin's to add and change, with one exception: a staff member chooses their
 * own PIN or password (at their first sign-in, or to change it), and that change touches the
 * secret and nothing else; and they choose their own screen language, which touches the language
 * and nothing else (docs/decisions/0033-languages.md). Taking a secret away (an admin's reset)
 * is the admin's.
 */
import { changedKeys } from './changed-keys.js';
import type { Permission } from './permissions.js';

type StaffLike = Readonly<Record<string, unknown>>;

/** What choosing one's own secret may change. */
const OWN_SECRET_FIELDS: ReadonlySet<string> = new Set(['secret', 'updatedAt', 'updatedBy', 'deskId', '_meta', '_rev', '_attachments']);

/** What choosing one's own screen language may change. */
const OWN_LANGUAGE_FIELDS: ReadonlySet<string> = new Set(['language', 'updatedAt', 'updatedBy', 'deskId', '_meta', '_rev', '_attachments']);

/** `actor` is the staff member the change is recorded as made by. */
export function staffChangePermission(before: StaffLike | null, after: StaffLike, actor: string): Permission {
  if (!before || before._deleted === true || after._deleted === true) return 'admin';
  if (actor !== after.id || after.active !== true) return 'admin';
  const changed = changedKeys(before, after);
  const ownSecret = after.secret !== undefined && changed.every((k) => OWN_SECRET_FIELDS.has(k));
  const ownLanguage = changed.every((k) => OWN_LANGUAGE_FIELDS.has(k));
  return ownSecret || ownLanguage ? 'book' : 'admin';
}
