/**
 * Adding and changing staff from Settings → Staff. Only admins may (docs/design.md
 * invariant 9, checked here where the write happens); the input and the staff list as a
 * whole are checked before anything is written, so a refusal changes nothing (invariant 8).
 */
import type { StaffDoc, StaffRole } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp } from '../domain/actor.js';
import { newId } from '../domain/ids.js';
import { RefusedError, type Result } from '../domain/result.js';
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

const rolesText = (roles: readonly StaffRole[]) => roles.map((r) => ROLE_LABELS[r]).join(', ');

export async function addStaff(db: ClinicDatabase, input: StaffInput, ctx: DeskActor): Promise<StaffDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'add staff members');
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
    entity: 'staff', entityId: id, action: 'staff.added', summary: `Added ${doc.name} (${rolesText(doc.roles)})`, ...factStamp(ctx),
  }));
  return doc;
}

/** "Roles: Reception → Reception, Billing; no longer active" */
function describeStaffChange(before: StaffFields, after: StaffFields): string {
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`name: ${before.name} → ${after.name}`);
  if (before.email !== after.email) parts.push(`email: ${before.email || '(empty)'} → ${after.email || '(empty)'}`);
  if (rolesText(before.roles) !== rolesText(after.roles)) parts.push(`roles: ${rolesText(before.roles)} → ${rolesText(after.roles)}`);
  if (before.isPractitioner !== after.isPractitioner) parts.push(after.isPractitioner ? 'now has a calendar column' : 'no longer has a calendar column');
  if (before.active !== after.active) parts.push(after.active ? 'active again' : 'no longer active');
  return parts.join('; ');
}

export async function updateStaff(db: ClinicDatabase, staffId: string, input: StaffInput, ctx: DeskActor): Promise<StaffDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'change staff members');
  const stored = await db.staff.findOne(staffId).exec();
  if (!stored) throw new RefusedError({ ok: false, message: 'This staff member is no longer on the staff list.' });
  const before = stored.toMutableJSON();
  const fields = orRefuse(checkStaff(input));
  const staff = await allStaff(db);
  orRefuse(checkNameIsFree(staff, { id: staffId, ...fields }));
  orRefuse(checkKeepsAnAdmin(staff, { id: staffId, ...fields }));

  const change = describeStaffChange(before, fields);
  // Saved unchanged: nothing to write, sync or log.
  if (change === '') return before;
  const after = await stored.incrementalPatch({ ...fields, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'staff', entityId: staffId, action: 'staff.updated', summary: `Changed ${before.name}: ${change}`.slice(0, 500), ...factStamp(ctx),
  }));
  return after.toMutableJSON();
}
