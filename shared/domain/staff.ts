/**
 * Staff as an admin types them in Settings → Staff, and the one rule about the list
 * as a whole: the clinic always keeps at least one active admin, or nobody could
 * change settings or staff again (docs/design.md invariant 9 would lock the clinic out).
 */
import { STAFF_ROLES, type StaffDoc, type StaffRole } from '../schemas/staff.js';
import { checkEmail, checkName, foldForSearch } from './contact.js';
import { hasPermission } from './permissions.js';
import { ok, refuse, type Result } from './result.js';
import { isLanguage } from '../i18n/catalogues/index.js';
import type { MessageId } from '../i18n/text.js';

export type StaffFields = Pick<StaffDoc, 'name' | 'email' | 'roles' | 'isPractitioner' | 'active' | 'language'>;

export interface StaffInput {
  readonly name: string;
  readonly email: string;
  readonly roles: readonly string[];
  /** Gets a column in the calendar's day view. */
  readonly isPractitioner: boolean;
  readonly active: boolean;
  /**
   * Their screen language: a catalogue's code, or '' for the clinic's
   * (docs/decisions/0033-languages.md). Omitted: left as it is (a new member's is the clinic's).
   */
  readonly language?: string;
}

/** Each role's name, as a catalogue id: `t(ROLE_LABELS[role])`. */
export const ROLE_LABELS: Readonly<Record<StaffRole, MessageId>> = {
  admin: 'staff.role.admin',
  billing: 'staff.role.billing',
  reception: 'staff.role.reception',
  practitioner: 'staff.role.practitioner',
};

const isRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

export function checkStaff(input: StaffInput): Result<StaffFields> {
  const name = checkName(input.name, 'name', 'staff.field.name', 120);
  if (!name.ok) return name;
  const email = checkEmail(input.email, 'email');
  if (!email.ok) return email;
  const unknown = input.roles.find((role) => !isRole(role));
  if (unknown !== undefined) return refuse('staff.refused.unknownRole', { role: unknown }, 'roles');
  // Stored in one order, so the same roles always compare (and sync) as the same list.
  const roles = STAFF_ROLES.filter((role) => input.roles.includes(role));
  if (roles.length === 0) return refuse('staff.refused.noRole', { name: name.value }, 'roles');
  const language = input.language?.trim();
  if (language && !isLanguage(language)) return refuse('field.language.unknown', 'language');
  return ok({
    name: name.value, email: email.value, roles, isPractitioner: input.isPractitioner, active: input.active,
    ...(language === undefined ? {} : { language }),
  });
}

type AdminState = Pick<StaffDoc, 'id' | 'roles' | 'active'>;

const isActiveAdmin = (s: AdminState) => s.active && hasPermission(s.roles, 'admin');

/** The staff list with `changed` added, or in place of the member with its id. */
function withChange(allStaff: readonly AdminState[], changed: AdminState): AdminState[] {
  return [...allStaff.filter((s) => s.id !== changed.id), changed];
}

/** True when saving `changed` would leave the clinic without an active admin. */
export function wouldLeaveNoAdmin(allStaff: readonly AdminState[], changed: AdminState): boolean {
  return !withChange(allStaff, changed).some(isActiveAdmin);
}

/** The refusal for a change that would leave no active admin, naming what to fix. */
export function checkKeepsAnAdmin(allStaff: readonly AdminState[], changed: AdminState & Pick<StaffDoc, 'name'>): Result<null> {
  if (!wouldLeaveNoAdmin(allStaff, changed)) return ok(null);
  return refuse('staff.refused.lastAdmin', { name: changed.name }, changed.active ? 'roles' : 'active');
}

/** Staff choose their name to sign in, so two active members may not share one. */
export function checkNameIsFree(allStaff: readonly Pick<StaffDoc, 'id' | 'name' | 'active'>[], changed: Pick<StaffDoc, 'id' | 'name' | 'active'>): Result<null> {
  const key = foldForSearch(changed.name);
  const taken = changed.active && allStaff.some((s) => s.id !== changed.id && s.active && foldForSearch(s.name) === key);
  if (!taken) return ok(null);
  return refuse('staff.refused.nameTaken', { name: changed.name }, 'name');
}
