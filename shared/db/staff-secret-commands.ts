/**
 * Writing a staff member's sign-in secret (docs/decisions/0023-staff-sign-in.md): choosing
 * one's own (at a first sign-in or to change it) and an admin's reset, which takes it away so
 * the person chooses a new one at their next sign-in. The hash is made in main
 * (electron/services/staff-auth); these only store it, after the same permission rule the
 * sync server applies (shared/domain/staff-permissions.ts). Imported by electron/services.
 */
import type { StaffDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { refuse, RefusedError } from '../domain/result.js';
import { text } from '../i18n/text.js';
import { staffChangePermission } from '../domain/staff-permissions.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

export type StaffSecret = NonNullable<StaffDoc['secret']>;

const gone = () => new RefusedError(refuse('staff.refused.gone'));

/**
 * Stores the secret `ctx.actor` chose for themselves. `recovery`: set from the desk computer's
 * command line because they forgot it (the only admin; decision 0023), logged as such.
 */
export async function setOwnSecret(db: ClinicDatabase, secret: StaffSecret, ctx: DeskActor, recovery = false): Promise<StaffDoc> {
  const stored = await db.staff.findOne(ctx.actor).exec();
  if (!stored) throw gone();
  const before = stored.toMutableJSON();
  const after = { ...before, secret, ...changeStamp(ctx) };
  const needed = staffChangePermission(before, after, ctx.actor);
  await requirePermission(db, ctx.actor, needed, 'operation.chooseSecret');
  const written = await stored.incrementalPatch({ secret, ...changeStamp(ctx) });
  const values = { name: before.name, kind: secret.kind };
  await db.activity.insert(activityEntry({
    entity: 'staff', entityId: ctx.actor, ...(recovery
      ? { action: 'staff.secretRecovered', summary: text('log.secretRecovered', values) }
      : { action: before.secret ? 'staff.secretChanged' : 'staff.secretChosen', summary: text(before.secret ? 'log.secretChanged' : 'log.secretChosen', values) }),
    ...factStamp(ctx),
  }));
  return written.toMutableJSON();
}

/** An admin takes `staffId`'s secret away; they choose a new one when they next sign in. */
export async function resetStaffSecret(db: ClinicDatabase, staffId: string, ctx: DeskActor): Promise<StaffDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.resetSecret');
  const stored = await db.staff.findOne(staffId).exec();
  if (!stored) throw gone();
  const before = stored.toMutableJSON();
  if (!before.secret) return before;
  const { secret: _removed, ...rest } = before;
  // A whole-document write: incrementalPatch cannot remove a field.
  const written = await stored.incrementalModify(() => ({ ...rest, ...changeStamp(ctx) }));
  await db.activity.insert(activityEntry({
    entity: 'staff', entityId: staffId, action: 'staff.secretReset', summary: text('log.secretReset', { name: before.name }), ...factStamp(ctx),
  }));
  return written.toMutableJSON();
}
