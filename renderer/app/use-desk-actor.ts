/**
 * The DeskActor every data-layer command takes: who is signed in, and whether invoice
 * numbers come from the clinic's sync server (an enrolled desk) or from this desk.
 */
import type { DeskActor } from '../../shared/db/acting-staff.js';
import { hasPermission, type Permission } from '../../shared/domain/permissions.js';
import { deskClock } from './desk-clock.js';
import { useDesk } from './desk-context.js';
import { useSession } from './session.js';
import { RefusedError } from '../../shared/domain/result.js';
import { text } from '../../shared/i18n/text.js';

export function useDeskActor(): DeskActor & { can(permission: Permission): boolean } {
  const { syncConfig, info } = useDesk();
  const { staff } = useSession();
  return {
    actor: staff.id,
    // Main tells the desk its id at start; no command runs before it has (App waits for app.info).
    get desk() {
      if (!info) throw new RefusedError({ text: text('app.noDeskIdYet') });
      return info.deskId;
    },
    synced: syncConfig !== null,
    // Read when a command runs, not when the screen rendered.
    get now() { return deskClock().toISOString(); },
    can: (p) => staff.active && hasPermission(staff.roles, p),
  };
}
