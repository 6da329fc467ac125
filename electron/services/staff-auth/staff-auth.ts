/**
 * Who is signed in on this desk, decided in main (docs/decisions/0023-staff-sign-in.md): the
 * renderer sends a typed PIN or password and learns only whether it was right. Main's other
 * handlers ask `requireSignedIn` before anything a staff member's role decides (connections,
 * the sync server's account calls), so a renderer that claims to be the admin is not one.
 * The session lives in memory: a restart of the app signs everyone out.
 * Node-only; imported by electron/services/main-services.ts.
 */
import type { RequestHandlers } from '../../../shared/contract/index.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { permissionMessage } from '../../../shared/db/acting-staff.js';
import { resetStaffSecret, setOwnSecret } from '../../../shared/db/staff-secret-commands.js';
import type { Permission } from '../../../shared/domain/permissions.js';
import { newSecretProblem, pinAllowed } from '../../../shared/domain/staff-secret.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { hashSecret, verifySecret } from './secret-hash.js';
import { openSignInAttempts } from './sign-in-attempts.js';

type AuthHandlers = Pick<RequestHandlers, 'staff.current' | 'staff.signIn' | 'staff.chooseSecret' | 'staff.changeSecret' | 'staff.signOut' | 'staff.resetSecret'>;

export interface StaffAuthOptions {
  /** Where the count of wrong secrets is kept (a private folder). */
  privateDir: string;
  database: () => ClinicDatabase | null;
  deskId: string;
  synced: () => boolean;
  now: () => Date;
  /** Stronger or weaker hashing (tests); the decision note's parameters otherwise. */
  hash?: typeof hashSecret;
}

export interface StaffAuth {
  readonly handlers: AuthHandlers;
  signedIn(): string | null;
  /**
   * The signed-in staff member, when they are who the renderer says (`claimed`) and hold
   * `permission`; otherwise an error a receptionist understands.
   */
  requireSignedIn(claimed: string, permission: Permission, action: string): Promise<StaffDoc>;
  /**
   * The desk's own computer user sets a new secret for the staff member called `name` (the
   * only admin forgot theirs): asked on the command line, never from the renderer. Recorded
   * as that person's own change of their secret, so every desk and the sync server take it.
   * Resolves with what to print.
   */
  recoverSecret(name: string, secret: string): Promise<string>;
}

const NOT_OPEN = "The desk's database is not open yet. Wait a moment and try again.";
/** How long a right but too weak secret lets its owner choose a stronger one. */
const STRONGER_WINDOW_MS = 5 * 60_000;
const waitWords = (ms: number) => (ms >= 90_000 ? `${Math.ceil(ms / 60_000)} minutes` : `${Math.ceil(ms / 1000)} seconds`);

export function createStaffAuth(options: StaffAuthOptions): StaffAuth {
  const attempts = openSignInAttempts(options.privateDir);
  const hash = options.hash ?? hashSecret;
  let session: string | null = null;
  /** Staff who typed their right secret, which their roles no longer allow: when (ms). */
  const mayChooseStronger = new Map<string, number>();

  function db(): ClinicDatabase {
    const open = options.database();
    if (!open) throw new Error(NOT_OPEN);
    return open;
  }

  async function activeStaff(staffId: string): Promise<StaffDoc> {
    const doc = await db().staff.findOne(staffId).exec();
    const staff = doc?.toMutableJSON();
    if (!staff || !staff.active) throw new Error('That staff member is not on the active staff list. Choose your name again.');
    return staff;
  }

  const ctxFor = (actor: string) => ({ actor, desk: options.deskId, synced: options.synced(), now: options.now().toISOString() });

  const handlers: AuthHandlers = {
    'staff.current': () => session,
    'staff.signIn': async ({ staffId, secret }) => {
      const staff = await activeStaff(staffId);
      if (!staff.secret) return { outcome: 'choose_secret' };
      const now = options.now();
      const wait = attempts.waitFor(staffId, now);
      if (wait > 0) return { outcome: 'wait', waitMs: wait };
      if (await verifySecret(secret, staff.secret)) {
        attempts.right(staffId);
        // The rule for their roles now (a receptionist's PIN after they were given billing).
        if (!newSecretProblem(staff.roles, staff.secret.kind, secret).ok) {
          mayChooseStronger.set(staffId, now.getTime());
          return { outcome: 'choose_secret', stronger: true };
        }
        session = staffId;
        return { outcome: 'signed_in', staffId };
      }
      attempts.wrong(staffId, now);
      return { outcome: 'wrong', waitMs: attempts.waitFor(staffId, now) };
    },
    'staff.chooseSecret': async ({ staffId, kind, secret }) => {
      const staff = await activeStaff(staffId);
      // A first choice (or after a reset), or a stronger one just after the old one was typed right.
      // Changing a secret otherwise goes through staff.changeSecret, which asks for the current one.
      const provedAt = mayChooseStronger.get(staffId);
      const proved = provedAt !== undefined && options.now().getTime() - provedAt <= STRONGER_WINDOW_MS;
      if (staff.secret && !proved) throw new Error(`${staff.name} already has a ${staff.secret.kind === 'pin' ? 'PIN' : 'password'}. Sign in with it, or ask an admin to reset it.`);
      await storeNewSecret(staff, kind, secret);
      mayChooseStronger.delete(staffId);
      attempts.right(staffId);
      session = staffId;
      return { outcome: 'signed_in', staffId };
    },
    'staff.changeSecret': async ({ staffId, current, kind, secret }) => {
      if (session !== staffId) throw new Error('Sign in with your PIN or password to change it.');
      const staff = await activeStaff(staffId);
      const what = staff.secret?.kind === 'pin' ? 'PIN' : 'password';
      const now = options.now();
      const wait = attempts.waitFor(staffId, now);
      if (wait > 0) throw new Error(`Too many wrong tries. Wait ${waitWords(wait)}, then try again.`);
      if (!staff.secret || !(await verifySecret(current, staff.secret))) {
        attempts.wrong(staffId, now);
        throw new Error(`That is not your current ${what}. Nothing was changed.`);
      }
      attempts.right(staffId);
      await storeNewSecret(staff, kind, secret);
    },
    'staff.signOut': () => {
      session = null;
    },
    'staff.resetSecret': async ({ staffId }) => {
      const admin = await requireSignedIn(session ?? '', 'admin', "reset a staff member's PIN or password");
      await resetStaffSecret(db(), staffId, ctxFor(admin.id));
    },
  };

  /** The shared rule for a new secret, then the slow hash, then the command that stores it as the person's own. */
  async function storeNewSecret(staff: StaffDoc, kind: 'pin' | 'password', secret: string): Promise<void> {
    const checked = newSecretProblem(staff.roles, kind, secret);
    if (!checked.ok) throw new Error(checked.message);
    const hashed = await hash(checked.value);
    await setOwnSecret(db(), { kind, ...hashed, setAt: options.now().toISOString() }, ctxFor(staff.id));
  }

  async function requireSignedIn(claimed: string, permission: Permission, action: string): Promise<StaffDoc> {
    if (!session || session !== claimed) throw new Error(`Sign in with your PIN or password to ${action}.`);
    const doc = await db().staff.findOne(session).exec();
    const staff = doc ? doc.toMutableJSON() : null;
    const problem = permissionMessage(staff, permission, action);
    if (problem || !staff) throw new Error(problem ?? `Sign in with your PIN or password to ${action}.`);
    return staff;
  }

  async function recoverSecret(name: string, secret: string): Promise<string> {
    const wanted = name.trim().normalize('NFC').toLocaleLowerCase();
    const matches = (await db().staff.find({ selector: { active: true } }).exec())
      .map((d) => d.toMutableJSON())
      .filter((m) => m.name.trim().normalize('NFC').toLocaleLowerCase() === wanted);
    if (matches.length !== 1) throw new Error(matches.length === 0 ? `No active staff member is called "${name}". Use the name as it is written on the sign-in screen.` : `More than one active staff member is called "${name}".`);
    const staff = matches[0]!;
    await storeNewSecret(staff, pinAllowed(staff.roles) && /^\d+$/.test(secret) ? 'pin' : 'password', secret);
    // Whatever the wrong tries were, this person's new secret starts with none.
    attempts.right(staff.id);
    return `${staff.name} can now sign in with the new ${pinAllowed(staff.roles) && /^\d+$/.test(secret) ? 'PIN' : 'password'} on every desk of the clinic.`;
  }

  return { handlers, signedIn: () => session, requireSignedIn, recoverSecret };
}
