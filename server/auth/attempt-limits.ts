/**
 * How many enrolment attempts one bucket — a client address, or the whole server — may make
 * (docs/decisions/0020-server-hardening.md): a fixed window that opens at the bucket's first
 * attempt, and a lock once the window's budget is spent. Pure: server/data keeps the state,
 * server/routes decides with it. Imported by server/data and server/routes.
 */

export interface AttemptLimit {
  /** Attempts a window allows; the one that reaches it locks the bucket. */
  readonly attempts: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

const MINUTE = 60_000;

/**
 * An enrolment code is 8 characters from 31 (8.5 × 10^11 codes), lives 24 hours and works
 * once. These numbers keep a guesser's chance per code below 10^-9 while a receptionist who
 * mistypes a few times never notices them (the decision note has the arithmetic).
 */
export const ENROLMENT_LIMITS = {
  /** One computer (IPv6: one /64). A right code clears its count. */
  address: { attempts: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** Every address together: an attacker with many addresses still gets this many. */
  server: { attempts: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** Wrong codes tried on the server while a code is live, before that code is withdrawn. */
  wrongGuessesPerCode: 100,
} as const satisfies { address: AttemptLimit; server: AttemptLimit; wrongGuessesPerCode: number };

export interface BucketState {
  readonly windowStartedAt: Date;
  readonly attempts: number;
  readonly lockedUntil: Date | null;
}

export type Admission =
  | { readonly admitted: true; readonly next: BucketState; /** This attempt spent the window's budget. */ readonly locksNow: boolean }
  | { readonly admitted: false; readonly lockedUntil: Date };

/** Whether one more attempt may go ahead at `now`, and the bucket's state if it does. */
export function admit(state: BucketState | null, limit: AttemptLimit, now: Date): Admission {
  if (state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()) return { admitted: false, lockedUntil: state.lockedUntil };
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs;
  const attempts = (fresh ? 0 : state.attempts) + 1;
  if (attempts >= limit.attempts) {
    const lockedUntil = new Date(now.getTime() + limit.lockMs);
    // The next window opens when the lock ends, with nothing counted.
    return { admitted: true, locksNow: true, next: { windowStartedAt: lockedUntil, attempts: 0, lockedUntil } };
  }
  return { admitted: true, locksNow: false, next: { windowStartedAt: fresh ? now : state.windowStartedAt, attempts, lockedUntil: null } };
}
