/**
 * The gate in front of POST /v1/enroll (docs/decisions/0020-server-hardening.md): every attempt
 * is counted for its client address and for the whole server before its code is looked at, a
 * locked bucket gets 429 with Retry-After — even with the right code — and what a refused code
 * costs or a right one forgives. Imported by server/routes/enrollment.ts.
 */
import { text } from '../../shared/i18n/text.js';
import { ENROLMENT_LIMITS, type Admission } from '../auth/attempt-limits.js';
import { admitAttempt, countWrongCode, forgiveEnrolment, pruneAttempts, SERVER_BUCKET } from '../data/enrollment-attempts.js';
import { tooManyRequests, type HttpError } from '../http/errors.js';
import type { Queryable, Store } from '../store/store.js';

type Scope = 'address' | 'server';

/** Whole minutes of a wait, at least 1 (the messages say "1 minute", "5 minutes"). */
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

const LOCKED: Record<Scope, { code: string; message: 'enrol.lockedAddress' | 'enrol.lockedServer' }> = {
  address: { code: 'enrollment_locked_address', message: 'enrol.lockedAddress' },
  server: { code: 'enrollment_locked_server', message: 'enrol.lockedServer' },
};

export function lockedError(scope: Scope, lockedUntil: Date, now: Date): HttpError {
  const ms = lockedUntil.getTime() - now.getTime();
  return tooManyRequests(LOCKED[scope].code, text(LOCKED[scope].message, { minutes: minutes(ms) }), ms);
}

export interface EnrolmentTicket {
  readonly addressBucket: string;
  /** Set when this very attempt spent a bucket's budget: if its code is wrong, say so at once. */
  readonly locks: { readonly scope: Scope; readonly until: Date } | null;
}

const locksOf = (scope: Scope, a: Admission & { admitted: true }) => (a.locksNow ? { scope, until: a.next.lockedUntil! } : null);

/** Counts the attempt in both buckets (address first: one order, no deadlocks) or throws 429. */
export async function admitEnrolment(store: Store, addressBucket: string, now: Date): Promise<EnrolmentTicket> {
  return store.transaction(async (tx) => {
    await pruneAttempts(tx, now, Math.max(ENROLMENT_LIMITS.address.windowMs, ENROLMENT_LIMITS.server.windowMs));
    const address = await admitAttempt(tx, addressBucket, ENROLMENT_LIMITS.address, now);
    if (!address.admitted) throw lockedError('address', address.lockedUntil, now);
    // Throwing here rolls the address's count back: a refused attempt tried no code.
    const server = await admitAttempt(tx, SERVER_BUCKET, ENROLMENT_LIMITS.server, now);
    if (!server.admitted) throw lockedError('server', server.lockedUntil, now);
    return { addressBucket, locks: locksOf('address', address) ?? locksOf('server', server) };
  });
}

/** After a refused code: a wrong one wears out every live code; the error to send. */
export async function refusedEnrolment(store: Store, ticket: EnrolmentTicket, refusal: HttpError, wrongCode: boolean, now: Date): Promise<HttpError> {
  if (wrongCode) await countWrongCode(store, now);
  return ticket.locks ? lockedError(ticket.locks.scope, ticket.locks.until, now) : refusal;
}

/** After a right code, in the enrolment's transaction. */
export function acceptedEnrolment(tx: Queryable, ticket: EnrolmentTicket): Promise<void> {
  return forgiveEnrolment(tx, ticket.addressBucket);
}
