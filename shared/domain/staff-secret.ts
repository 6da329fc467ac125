/**
 * What a staff member's sign-in secret must be, and how long a desk makes someone wait after
 * wrong ones (docs/decisions/0023-staff-sign-in.md). Pure: main checks a new secret with it
 * before hashing, the sign-in form with it before sending, and main's attempt file with the
 * back-off. Imported by electron/services and renderer.
 */
import type { StaffRole } from '../schemas/staff.js';
import { hasPermission } from './permissions.js';
import { ok, refuse, type Result } from './result.js';
import { text, type Text } from '../i18n/text.js';

export type SecretKind = 'pin' | 'password';

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;
/** Billing and admin move money and people: a password, never a PIN. */
export const STRONG_PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Reception and practitioners may choose a PIN; anyone who may take payments or change staff may not. */
export function pinAllowed(roles: readonly StaffRole[]): boolean {
  return !hasPermission(roles, 'admin') && !roles.includes('billing');
}

/** The shortest password this staff member may choose. */
export function minPasswordLength(roles: readonly StaffRole[]): number {
  return pinAllowed(roles) ? 8 : STRONG_PASSWORD_MIN_LENGTH;
}

/** Refuses a new secret that does not fit the staff member's roles; the text is for them to read. */
export function newSecretProblem(roles: readonly StaffRole[], kind: SecretKind, secret: string): Result<string> {
  if (kind === 'pin') {
    if (!pinAllowed(roles)) return refuse('secret.refused.pinNotAllowed', { min: STRONG_PASSWORD_MIN_LENGTH }, 'secret');
    if (!/^[0-9]+$/.test(secret)) return refuse('secret.refused.pinDigitsOnly', 'secret');
    if (secret.length < PIN_MIN_DIGITS || secret.length > PIN_MAX_DIGITS) return refuse('secret.refused.pinLength', { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS }, 'secret');
    if (/^(\d)\1+$/.test(secret) || isRun(secret)) return refuse('secret.refused.pinTooEasy', 'secret');
    return ok(secret);
  }
  const min = minPasswordLength(roles);
  if ([...secret].length < min) return refuse('secret.refused.passwordTooShort', { min }, 'secret');
  if (secret.length > PASSWORD_MAX_LENGTH) return refuse('secret.refused.passwordTooLong', { max: PASSWORD_MAX_LENGTH }, 'secret');
  if (secret.trim() !== secret) return refuse('secret.refused.passwordSpaces', 'secret');
  return ok(secret);
}

/** 123456, 987654: each digit one more (or one less) than the one before. */
function isRun(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** Wrong secrets a staff member may type on one desk before it makes them wait. */
export const FREE_WRONG_ATTEMPTS = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

export interface SignInFailures {
  /** Wrong secrets in a row since the last right one. */
  readonly failures: number;
  /** ISO time before which no secret is checked for this staff member; null when none. */
  readonly lockedUntil: string | null;
}

export const NO_FAILURES: SignInFailures = { failures: 0, lockedUntil: null };

/** How long a desk refuses to check another secret, or 0 when it may check one now. */
export function waitBeforeAttempt(state: SignInFailures, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now.getTime());
}

/**
 * After a wrong secret: free attempts first, then a wait that doubles with each further wrong
 * one (30 s, 1 min, 2 min … at most 15 min). An attacker at the desk gets a few hundred guesses
 * a day, against a million PINs; a receptionist who mistypes twice never sees a wait.
 */
export function afterWrongSecret(state: SignInFailures, now: Date): SignInFailures {
  const failures = state.failures + 1;
  if (failures <= FREE_WRONG_ATTEMPTS) return { failures, lockedUntil: null };
  const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_WRONG_ATTEMPTS - 1));
  return { failures, lockedUntil: new Date(now.getTime() + wait).toISOString() };
}

/** How long a wait reads to a person: "30 seconds", "4 minutes". */
export function waitSpan(ms: number): Text {
  return ms >= 90_000 ? text('time.wait.minutes', { count: Math.ceil(ms / 60_000) }) : text('time.wait.seconds', { count: Math.ceil(ms / 1000) });
}
