/**
 * The desk's count of wrong sign-in secrets per staff member, kept in a 0600 file beside the
 * desk's other private files (docs/decisions/0023-staff-sign-in.md). It lives in main, not in
 * the database: the renderer cannot reset it, and restarting the app does not clear a wait.
 * A damaged or hostile file counts as a fresh start only for staff it does not name properly;
 * it never lifts a wait it states clearly. Node-only; imported by electron/services/staff-auth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterWrongSecret, NO_FAILURES, waitBeforeAttempt, type SignInFailures } from '../../../shared/domain/staff-secret.js';
import { writePrivateFile } from '../private-files.js';

const FILE = 'sign-in-attempts.json';
const MAX_ENTRIES = 1000;

export interface SignInAttempts {
  /** Milliseconds before a secret may be checked for this staff member (0: now). */
  waitFor(staffId: string, now: Date): number;
  wrong(staffId: string, now: Date): SignInFailures;
  right(staffId: string): void;
}

const isFailures = (v: unknown): v is SignInFailures => {
  if (typeof v !== 'object' || v === null) return false;
  const { failures, lockedUntil } = v as Record<string, unknown>;
  const lockOk = lockedUntil === null || (typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil)));
  return Number.isSafeInteger(failures) && (failures as number) >= 0 && lockOk;
};

function load(file: string): Map<string, SignInFailures> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
  const entries = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  return new Map(entries.filter((e): e is [string, SignInFailures] => isFailures(e[1])).slice(0, MAX_ENTRIES));
}

export function openSignInAttempts(privateDir: string): SignInAttempts {
  const file = path.join(privateDir, FILE);
  const state = load(file);
  const save = () => writePrivateFile(file, JSON.stringify(Object.fromEntries(state)));
  const of = (staffId: string) => state.get(staffId) ?? NO_FAILURES;
  return {
    waitFor: (staffId, now) => waitBeforeAttempt(of(staffId), now),
    wrong(staffId, now) {
      const next = afterWrongSecret(of(staffId), now);
      state.set(staffId, next);
      save();
      return next;
    },
    right(staffId) {
      if (!state.delete(staffId)) return;
      save();
    },
  };
}
