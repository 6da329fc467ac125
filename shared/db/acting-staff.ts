/**
 * Who is acting, and may they (docs/design.md invariant 9). Every data-layer command that
 * needs a permission asks here before it writes, with the same wording the sync server
 * uses, so a refusal reads the same offline and online.
 */
import type { StaffDoc } from '../schemas/index.js';
import { hasPermission, PERMISSION_LABELS, type Permission } from '../domain/permissions.js';
import { RefusedError } from '../domain/result.js';
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

export function permissionMessage(staff: Pick<StaffDoc, 'name' | 'roles' | 'active'> | null, permission: Permission, action: string): string | null {
  if (!staff) return `Sign in as a member of staff to ${action}.`;
  if (!staff.active) return `${staff.name} is no longer active at the clinic and cannot ${action}.`;
  if (!hasPermission(staff.roles, permission)) {
    return `${staff.name} does not have the ${PERMISSION_LABELS[permission]} permission needed to ${action}. Ask someone with ${PERMISSION_LABELS[permission]} rights.`;
  }
  return null;
}

/** The acting staff member, or a refusal naming what they may not do. */
export async function requirePermission(db: ClinicDatabase, actorId: string, permission: Permission, action: string): Promise<StaffDoc> {
  const doc = actorId ? await db.staff.findOne(actorId).exec() : null;
  const staff = doc ? doc.toMutableJSON() : null;
  const problem = permissionMessage(staff, permission, action);
  if (problem || !staff) throw new RefusedError({ ok: false, message: problem ?? `Sign in as a member of staff to ${action}.` });
  return staff;
}
