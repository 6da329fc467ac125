/**
 * SQL for the enrolment attempt limits (migration 5; docs/decisions/0020-server-hardening.md):
 * one row per bucket ("address …" or "server") with its window and lock, and the count of
 * wrong codes each live enrolment code has seen. Imported by server/routes.
 */
import { admit, type Admission, type AttemptLimit, type BucketState } from '../auth/attempt-limits.js';
import type { Queryable } from '../store/store.js';

export const SERVER_BUCKET = 'server';

interface BucketRow { window_started_at: Date; attempts: number; locked_until: Date | null }

const toState = (r: BucketRow): BucketState => ({
  windowStartedAt: new Date(r.window_started_at),
  attempts: Number(r.attempts),
  lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
});

/**
 * Counts one attempt for `bucket` unless it is locked. The row is locked (by the upsert) while
 * deciding, so concurrent attempts — from one server or several — are counted one by one and
 * a burst cannot slip past the limit. Use inside a transaction.
 */
export async function admitAttempt(tx: Queryable, bucket: string, limit: AttemptLimit, now: Date): Promise<Admission> {
  // One statement that inserts or locks: a separate INSERT … DO NOTHING then SELECT … FOR UPDATE
  // found no row when a concurrent right code (forgiveEnrolment) or prune deleted it between
  // the two, and the attempt failed with a 500. ON CONFLICT DO UPDATE retries that case itself.
  // A new row with nothing counted is the same as no row.
  const rows = await tx.query<BucketRow>(
    `INSERT INTO enrollment_attempts (bucket, window_started_at, attempts) VALUES ($1, $2, 0)
     ON CONFLICT (bucket) DO UPDATE SET bucket = EXCLUDED.bucket
     RETURNING window_started_at, attempts, locked_until`,
    [bucket, now],
  );
  const decision = admit(toState(rows[0]!), limit, now);
  if (decision.admitted) {
    const { windowStartedAt, attempts, lockedUntil } = decision.next;
    await tx.query(
      'UPDATE enrollment_attempts SET window_started_at = $2, attempts = $3, locked_until = $4 WHERE bucket = $1',
      [bucket, windowStartedAt, attempts, lockedUntil],
    );
  }
  return decision;
}

/**
 * A right code was given from `addressBucket`: that address's count starts again, and the
 * attempt does not count against the server (an honest enrolment is not an attack).
 */
export async function forgiveEnrolment(tx: Queryable, addressBucket: string): Promise<void> {
  await tx.query('DELETE FROM enrollment_attempts WHERE bucket = $1', [addressBucket]);
  await tx.query('UPDATE enrollment_attempts SET attempts = GREATEST(attempts - 1, 0) WHERE bucket = $1', [SERVER_BUCKET]);
}

/**
 * A wrong code is a guess at every live code on the server: each of them counts it. The rows
 * are locked in one order, so two of these running at once cannot deadlock on PostgreSQL.
 */
export async function countWrongCode(q: Queryable, now: Date): Promise<void> {
  await q.query(
    `UPDATE enrollment_codes SET wrong_guesses = wrong_guesses + 1 WHERE code_hash IN (
       SELECT code_hash FROM enrollment_codes WHERE used_at IS NULL AND expires_at > $1 ORDER BY code_hash FOR UPDATE)`,
    [now],
  );
}

/** Drops buckets whose window and lock are both over (they mean nothing any more). */
export async function pruneAttempts(q: Queryable, now: Date, longestWindowMs: number): Promise<void> {
  await q.query(
    'DELETE FROM enrollment_attempts WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until <= $2)',
    [new Date(now.getTime() - longestWindowMs), now],
  );
}
