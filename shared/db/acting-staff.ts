/**
 * Who is acting, and may they (docs/design.md invariant 9). Every data-layer command that
 * needs a permission asks here before it writes, with the same wording the sync server
 * uses, so a refusal reads the same offline and online.
 */
import type { StaffDoc } from '../schemas/index.js';
import { hasPermission, PERMISSION_LABELS, type Permission } from '../domain/permissions.js';
import { RefusedError } from '../domain/result.js';
import { text, type MessageId, type Text } from '../i18n/text.js';
import type { ClinicDatabase } from './database.js';

/** What every command that writes on behalf of a staff member needs to know. */
export interface DeskActor {
  /** The signed-in staff member's id (they proved it with their PIN or password), or SYSTEM_ACTOR. */
  readonly actor: string;
  /** This desk's id, recorded with every change it makes (docs/design.md invariant 11). */
  readonly desk: string;
  /** Enrolled with a sync server: invoice numbers come from the server. */
  readonly synced: boolean;
  /**
   * The UTC ISO instant the command happens at, from the desk's injected clock (docs/decisions/0004-time.md):
   * no command reads the wall clock itself, so tests and a shifted clock see the same rules.
   */
  readonly now: string;
  /**
   * The operation this command is (one thing a person asked for, shared/db/operations.ts): the
   * ids of what it writes derive from it, so running it twice writes once. Absent for the
   * desk's own work.
   */
  readonly operation?: string;
}

/** Why `staff` may not do `action` (an `operation.*` id: "take payments"), or null when they may. */
export function permissionProblem(staff: Pick<StaffDoc, 'name' | 'roles' | 'active'> | null, permission: Permission, action: MessageId | Text): Text | null {
  const doing = typeof action === 'string' ? text(action) : action;
  if (!staff) return text('staff.refused.signInTo', { action: doing });
  if (!staff.active) return text('staff.refused.inactive', { name: staff.name, action: doing });
  if (!hasPermission(staff.roles, permission)) {
    return text('staff.refused.permission', { name: staff.name, permission: text(PERMISSION_LABELS[permission]), action: doing });
  }
  return null;
}

/** The acting staff member, or a refusal naming what they may not do (`action`: an `operation.*` id). */
export async function requirePermission(db: ClinicDatabase, actorId: string, permission: Permission, action: MessageId | Text): Promise<StaffDoc> {
  const doc = actorId ? await db.staff.findOne(actorId).exec() : null;
  const staff = doc ? doc.toMutableJSON() : null;
  const problem = permissionProblem(staff, permission, action);
  if (problem || !staff) throw new RefusedError({ text: problem ?? permissionProblem(null, permission, action)! });
  return staff;
}
