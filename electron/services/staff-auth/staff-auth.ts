/**
 * Who is signed in on this desk, decided in main (docs/decisions/0023-staff-sign-in.md): the
 * renderer sends a typed PIN or password and learns only whether it was right. Main's other
 * handlers ask `requireSignedIn` before anything a staff member's role decides (connections,
 * the sync server's account calls), so a renderer that claims to be the admin is not one.
 * The session lives in memory: a restart of the app signs everyone out.
 * Node-only; imported by electron/services/main-services.ts.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandlers, SignInAnswer } from '../../../shared/contract/index.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { permissionProblem } from '../../../shared/db/acting-staff.js';
import { resetStaffSecret, setOwnSecret } from '../../../shared/db/staff-secret-commands.js';
import type { Permission } from '../../../shared/domain/permissions.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { newSecretProblem, pinAllowed, waitSpan } from '../../../shared/domain/staff-secret.js';
import { text, type MessageId, type Text, type TextValue } from '../../../shared/i18n/text.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { hashSecret, verifySecret } from './secret-hash.js';
import { openSignInAttempts } from './sign-in-attempts.js';

type AuthHandlers = Pick<RequestHandlers, 'staff.current' | 'staff.signIn' | 'staff.chooseSecret' | 'staff.changeSecret' | 'staff.signOut' | 'staff.resetSecret'>;

export interface StaffAuthOptions {
  /** Where the count of wrong secrets is kept (a private folder). */
  privateDir: string;
  database: () => ClinicDatabase | null;
  /** Resolves with the database once main has it again (or null after a few seconds). */
  awaitDatabase?: () => Promise<ClinicDatabase | null>;
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
   * `permission`; otherwise a refusal a receptionist understands. `action` says what for, as
   * an infinitive ("change the payment and messaging connections"): a message id.
   */
  requireSignedIn(claimed: string, permission: Permission, action: MessageId): Promise<StaffDoc>;
  /**
   * The desk's own computer user sets a new secret for the staff member called `name` (the
   * only admin forgot theirs): asked on the command line, never from the renderer. Recorded
   * as that person's own change of their secret, so every desk and the sync server take it.
   * Resolves with what to print.
   */
  recoverSecret(name: string, secret: string): Promise<string>;
}

/** A refusal of a request, with its words for the renderer's reader (shared/contract/refusal-envelope.ts). */
const refused = (id: MessageId, values?: Readonly<Record<string, TextValue>>): RefusedError => new RefusedError({ text: text(id, values) });
/** How long a right but too weak secret lets its owner choose a stronger one. */
const STRONGER_WINDOW_MS = 5 * 60_000;

export function createStaffAuth(options: StaffAuthOptions): StaffAuth {
  const attempts = openSignInAttempts(options.privateDir);
  const hash = options.hash ?? hashSecret;
  let session: string | null = null;
  /**
   * The one person who just typed their right secret, which their roles no longer allow: they
   * may choose a stronger one by handing back this token, until someone else signs in, the
   * desk signs out, or five minutes pass.
   */
  let stronger: { staffId: string; token: string; at: number } | null = null;
  /** One check of a secret at a time per person: parallel guesses cannot slip past the wait. */
  const checking = new Map<string, Promise<unknown>>();

  function oneAtATime<T>(staffId: string, check: () => Promise<T>): Promise<T> {
    const run = (checking.get(staffId) ?? Promise.resolve()).then(check, check);
    const settled = run.catch(() => undefined);
    checking.set(staffId, settled);
    void settled.then(() => { if (checking.get(staffId) === settled) checking.delete(staffId); });
    return run;
  }

  /**
   * The renderer's database as main reaches it. After a reload of the window (joining or hosting
   * a sync server reloads it) main is without it for a moment: wait for it rather than refuse
   * a click made in that moment.
   */
  async function db(): Promise<ClinicDatabase> {
    const open = options.database() ?? (await options.awaitDatabase?.());
    if (!open) throw refused('staffAuth.notOpen');
    return open;
  }

  async function activeStaff(staffId: string): Promise<StaffDoc> {
    const doc = await (await db()).staff.findOne(staffId).exec();
    const staff = doc?.toMutableJSON();
    if (!staff || !staff.active) throw refused('staffAuth.notActive');
    return staff;
  }

  const ctxFor = (actor: string) => ({ actor, desk: options.deskId, synced: options.synced(), now: options.now().toISOString() });

  function signInAs(staffId: string): SignInAnswer {
    stronger = null;
    session = staffId;
    return { outcome: 'signed_in', staffId };
  }

  const handlers: AuthHandlers = {
    'staff.current': () => session,
    'staff.signIn': ({ staffId, secret }) => oneAtATime(staffId, async (): Promise<SignInAnswer> => {
      const staff = await activeStaff(staffId);
      if (!staff.secret) return { outcome: 'choose_secret' };
      const now = options.now();
      const wait = attempts.waitFor(staffId, now);
      if (wait > 0) return { outcome: 'wait', waitMs: wait };
      if (await verifySecret(secret, staff.secret)) {
        attempts.right(staffId);
        // The rule for their roles now (a receptionist's PIN after they were given billing).
        const still = newSecretProblem(staff.roles, staff.secret.kind, secret);
        if (!still.ok) {
          session = null;
          stronger = { staffId, token: randomBytes(24).toString('base64url'), at: now.getTime() };
          return { outcome: 'choose_secret', stronger: { token: stronger.token, reason: still.text } };
        }
        return signInAs(staffId);
      }
      attempts.wrong(staffId, now);
      return { outcome: 'wrong', waitMs: attempts.waitFor(staffId, now) };
    }),
    'staff.chooseSecret': async ({ staffId, kind, secret, token }) => {
      const staff = await activeStaff(staffId);
      // A first choice (or after a reset), or a stronger one by the person who just typed the old
      // one right. Changing a secret otherwise goes through staff.changeSecret, which asks for it.
      if (staff.secret && !mayChooseStronger(staffId, token)) {
        throw refused('staffAuth.alreadyHasSecret', { name: staff.name, kind: staff.secret.kind });
      }
      await storeNewSecret(staff, kind, secret);
      attempts.right(staffId);
      return signInAs(staffId);
    },
    'staff.changeSecret': ({ staffId, current, kind, secret }) => oneAtATime(staffId, async () => {
      if (session !== staffId) throw refused('staffAuth.signInToChange');
      const staff = await activeStaff(staffId);
      if (!staff.secret) throw refused('staffAuth.secretWasReset');
      const now = options.now();
      const wait = attempts.waitFor(staffId, now);
      if (wait > 0) throw refused('staffAuth.tooManyTries', { wait: waitSpan(wait) });
      if (!(await verifySecret(current, staff.secret))) {
        attempts.wrong(staffId, now);
        throw refused('staffAuth.wrongCurrent', { kind: staff.secret.kind });
      }
      attempts.right(staffId);
      await storeNewSecret(staff, kind, secret);
    }),
    'staff.signOut': () => {
      session = null;
      stronger = null;
    },
    'staff.resetSecret': async ({ staffId }) => {
      const admin = await requireSignedIn(session ?? '', 'admin', 'operation.resetSecret');
      await resetStaffSecret(await db(), staffId, ctxFor(admin.id));
    },
  };

  function mayChooseStronger(staffId: string, token: string | undefined): boolean {
    const open = stronger !== null && stronger.staffId === staffId && token !== undefined && token === stronger.token
      && options.now().getTime() - stronger.at <= STRONGER_WINDOW_MS;
    // Used once, or spent by a wrong try.
    stronger = null;
    return open;
  }

  /** The shared rule for a new secret, then the slow hash, then the command that stores it as the person's own. */
  async function storeNewSecret(staff: StaffDoc, kind: 'pin' | 'password', secret: string, recovery = false): Promise<void> {
    const checked = newSecretProblem(staff.roles, kind, secret);
    if (!checked.ok) throw new RefusedError({ text: checked.text });
    const hashed = await hash(checked.value);
    await setOwnSecret(await db(), { kind, ...hashed, setAt: options.now().toISOString() }, ctxFor(staff.id), recovery);
  }

  async function requireSignedIn(claimed: string, permission: Permission, action: MessageId): Promise<StaffDoc> {
    const signInFirst = () => refused('staffAuth.signInTo', { action: text(action) });
    if (!session || session !== claimed) throw signInFirst();
    const doc = await (await db()).staff.findOne(session).exec();
    const staff = doc ? doc.toMutableJSON() : null;
    const problem: Text | null = permissionProblem(staff, permission, action);
    if (problem) throw new RefusedError({ text: problem });
    if (!staff) throw signInFirst();
    return staff;
  }

  /**
   * Only for the clinic's admins, and only when no other active admin could reset it from
   * Settings instead: the command line is the last way in, not a second door.
   */
  async function recoverSecret(name: string, secret: string): Promise<string> {
    const wanted = normalName(name);
    const active = (await (await db()).staff.find({ selector: { active: true } }).exec()).map((d) => d.toMutableJSON());
    const matches = active.filter((m) => normalName(m.name) === wanted);
    if (matches.length !== 1) throw refused(matches.length === 0 ? 'staffAuth.recover.noSuchName' : 'staffAuth.recover.nameTwice', { name });
    const staff = matches[0]!;
    if (!staff.roles.includes('admin')) throw refused('staffAuth.recover.notAdmin', { name: staff.name });
    const otherAdmin = active.find((m) => m.id !== staff.id && m.roles.includes('admin') && m.secret);
    if (otherAdmin) throw refused('staffAuth.recover.otherAdmin', { other: otherAdmin.name, name: staff.name });
    const kind = pinAllowed(staff.roles) && /^\d+$/.test(secret) ? 'pin' : 'password';
    await storeNewSecret(staff, kind, secret, true);
    // Whatever the wrong tries were, this person's new secret starts with none.
    attempts.right(staff.id);
    return `${staff.name} can now sign in with the new ${kind === 'pin' ? 'PIN' : 'password'} on every desk of the clinic.`;
  }

  return { handlers, signedIn: () => session, requireSignedIn, recoverSecret };
}

const normalName = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase();
