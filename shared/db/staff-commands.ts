/**
 * Adding and changing staff from Settings → Staff. Only admins may (docs/design.md
 * invariant 9, checked here where the write happens); the input and the staff list as a
 * whole are checked before anything is written, so a refusal changes nothing (invariant 8).
 */
import type { StaffDoc, StaffRole } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp } from '../domain/actor.js';
import { newId } from '../domain/ids.js';
import { refuse, RefusedError, type Result } from '../domain/result.js';
import { listValues } from '../domain/text-lists.js';
import { text, type Text } from '../i18n/text.js';
import { CATALOGUES, isLanguage } from '../i18n/catalogues/index.js';
import { PRACTITIONER_COLORS } from '../domain/setup.js';
import { checkKeepsAnAdmin, checkNameIsFree, checkStaff, ROLE_LABELS, type StaffFields, type StaffInput } from '../domain/staff.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

function orRefuse<T>(result: Result<T>): T {
  if (!result.ok) throw new RefusedError(result);
  return result.value;
}

async function allStaff(db: ClinicDatabase): Promise<StaffDoc[]> {
  return (await db.staff.find().exec()).map((d) => d.toMutableJSON());
}

/** The first calendar colour no active member uses, so columns stay tellable apart. */
function nextColor(staff: readonly StaffDoc[]): string {
  const used = new Set(staff.filter((s) => s.active).map((s) => s.color));
  return PRACTITIONER_COLORS.find((c) => !used.has(c)) ?? PRACTITIONER_COLORS[staff.length % PRACTITIONER_COLORS.length]!;
}

/** The roles' names as a list message's values ("Reception, Billing"). */
const roleNames = (roles: readonly StaffRole[], count: string, item: string) => listValues(roles.map((r) => text(ROLE_LABELS[r])), { count, item });

export async function addStaff(db: ClinicDatabase, input: StaffInput, ctx: DeskActor): Promise<StaffDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.addStaff');
  const fields = orRefuse(checkStaff(input));
  const staff = await allStaff(db);
  const id = newId();
  orRefuse(checkNameIsFree(staff, { id, ...fields }));
  const doc: StaffDoc = {
    id, ...fields,
    color: nextColor(staff),
    sortKey: staff.reduce((max, s) => Math.max(max, s.sortKey + 1), 0),
    ...createStamp(ctx),
  };
  await db.staff.insert(doc);
  await db.activity.insert(activityEntry({
    entity: 'staff', entityId: id, action: 'staff.added', summary: text('log.staffAdded', { name: doc.name, ...roleNames(doc.roles, 'count', 'r') }), ...factStamp(ctx),
  }));
  return doc;
}

/** A screen language as the log names it: in itself ("Norsk bokmål"), or "the clinic's" for ''. */
const languageShown = (code: string) => (code === '' ? text('staff.change.clinicsLanguage') : isLanguage(code) ? CATALOGUES[code]['language.name'] : code);

/** "roles: Reception → Reception, Billing; no longer active"; none when nothing changed. */
function describeStaffChange(before: StaffFields, after: StaffFields): Text[] {
  const shown = (v: string | undefined) => v || text('log.empty');
  const parts: Text[] = [];
  if (before.name !== after.name) parts.push(text('log.change.name', { before: before.name, after: after.name }));
  if (before.email !== after.email) parts.push(text('log.change.email', { before: shown(before.email), after: shown(after.email) }));
  if (before.roles.join() !== after.roles.join()) parts.push(text('staff.change.roles', { ...roleNames(before.roles, 'beforeCount', 'b'), ...roleNames(after.roles, 'afterCount', 'a') }));
  if (before.isPractitioner !== after.isPractitioner) parts.push(text(after.isPractitioner ? 'staff.change.calendarOn' : 'staff.change.calendarOff'));
  if (before.active !== after.active) parts.push(text(after.active ? 'staff.change.activeAgain' : 'staff.change.inactive'));
  // An input without a language leaves it as it is.
  if (after.language !== undefined && (before.language ?? '') !== after.language) {
    parts.push(text('staff.change.language', { before: languageShown(before.language ?? ''), after: languageShown(after.language) }));
  }
  return parts;
}

export async function updateStaff(db: ClinicDatabase, staffId: string, input: StaffInput, ctx: DeskActor): Promise<StaffDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changeStaff');
  const stored = await db.staff.findOne(staffId).exec();
  if (!stored) throw new RefusedError(refuse('staff.refused.gone'));
  const before = stored.toMutableJSON();
  const fields = orRefuse(checkStaff(input));
  const staff = await allStaff(db);
  orRefuse(checkNameIsFree(staff, { id: staffId, ...fields }));
  orRefuse(checkKeepsAnAdmin(staff, { id: staffId, ...fields }));

  const change = describeStaffChange(before, fields);
  // Saved unchanged: nothing to write, sync or log.
  if (change.length === 0) return before;
  const after = await stored.incrementalPatch({ ...fields, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'staff', entityId: staffId, action: 'staff.updated', summary: text('log.staffUpdated', { name: before.name, ...listValues(change, { count: 'count', item: 'c' }) }), ...factStamp(ctx),
  }));
  return after.toMutableJSON();
}
