/** The enrolment attempt window and lock, as a pure function of state and time. */
import { describe, expect, it } from 'vitest';
import { admit, ENROLMENT_LIMITS, type Admission, type BucketState } from './attempt-limits.js';

const limit = { attempts: 3, windowMs: 60_000, lockMs: 120_000 };
const t0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Runs `n` attempts at `when`, returning the last decision and the state after them. */
function attempts(state: BucketState | null, n: number, when: Date) {
  let decision: Admission | null = null;
  let s = state;
  for (let i = 0; i < n; i++) {
    decision = admit(s, limit, when);
    if (decision.admitted) s = decision.next;
  }
  return { decision, state: s };
}

describe('admit', () => {
  it('allows the window its budget, locks on the attempt that spends it and refuses until the lock ends', () => {
    const two = attempts(null, 2, t0);
    expect(two.decision).toMatchObject({ admitted: true, locksNow: false });
    expect(two.state).toEqual({ windowStartedAt: t0, attempts: 2, lockedUntil: null });
    const third = admit(two.state, limit, at(1_000));
    expect(third).toEqual({ admitted: true, locksNow: true, next: { windowStartedAt: at(121_000), attempts: 0, lockedUntil: at(121_000) } });
    if (!third.admitted) throw new Error('unreachable');
    expect(admit(third.next, limit, at(120_999))).toEqual({ admitted: false, lockedUntil: at(121_000) });
    // When the lock ends, a whole new window's budget.
    expect(attempts(third.next, 2, at(121_000)).state).toEqual({ windowStartedAt: at(121_000), attempts: 2, lockedUntil: null });
  });

  it('starts a new window once the old one is over', () => {
    const two = attempts(null, 2, t0).state;
    expect(admit(two, limit, at(59_999))).toMatchObject({ admitted: true, locksNow: true });
    expect(admit(two, limit, at(60_000))).toEqual({ admitted: true, locksNow: false, next: { windowStartedAt: at(60_000), attempts: 1, lockedUntil: null } });
  });

  it('keeps the numbers the decision note states', () => {
    expect(ENROLMENT_LIMITS).toEqual({
      address: { attempts: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
      server: { attempts: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
      wrongGuessesPerCode: 100,
    });
  });
});
