/**
 * Enrolling desks: an admin's desk asks for a one-time code (POST /v1/enrollment-codes);
 * the new desk trades it for its own token (POST /v1/enroll). Codes are stored hashed,
 * last 24 hours and work once; guessing is limited per address and per server, and a code is
 * withdrawn after too many wrong guesses (enrollment-limits.ts). Imported by server/app.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { ROUTES, type DeviceCredentials, type EnrollmentCode } from '../../shared/sync/protocol.js';
import {
  CODE_LIFETIME_MS, hashSecret, newDeviceToken, newEnrollmentCode, normalizeEnrollmentCode,
} from '../auth/secrets.js';
import { ENROLMENT_LIMITS } from '../auth/attempt-limits.js';
import { deskIsEnrolled, insertDevice, insertEnrollmentCode, useEnrollmentCode } from '../data/devices.js';
import { addressBucket } from '../http/client-address.js';
import { deviceOf, requireStaffPermission } from '../http/device-auth.js';
import { HttpError } from '../http/errors.js';
import { deskIdField, stringField } from '../http/validate.js';
import type { RouteDeps } from './deps.js';
import { acceptedEnrolment, admitEnrolment, refusedEnrolment } from './enrollment-limits.js';

/** Two enrolments of one desk would let either push the other's changes as its own. */
const ALREADY_ENROLLED = new HttpError(409, 'desk_already_enrolled', text('enrol.alreadyEnrolled'));

const REFUSALS = {
  unknown: new HttpError(400, 'enrollment_code_invalid', text('enrol.codeInvalid')),
  expired: new HttpError(410, 'enrollment_code_expired', text('enrol.codeExpired')),
  used: new HttpError(410, 'enrollment_code_used', text('enrol.codeUsed')),
  withdrawn: new HttpError(410, 'enrollment_code_withdrawn', text('enrol.codeWithdrawn')),
} as const;

const isRefusal = (err: unknown): err is HttpError => (Object.values(REFUSALS) as unknown[]).includes(err);

export function enrollmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(ROUTES.enrollmentCodes, { preHandler: deps.authenticate }, async (request, reply) => {
    const device = deviceOf(request);
    await requireStaffPermission(deps.store, request, 'admin', 'enrolmentCodeRequest');
    const now = deps.now();
    const code = newEnrollmentCode();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
    await insertEnrollmentCode(deps.store, { codeHash: hashSecret(code), clinicId: device.clinicId, deviceId: device.id, at: now, expiresAt });
    const body: EnrollmentCode = { code, expiresAt: expiresAt.toISOString() };
    return reply.code(201).send(body);
  });

  app.post(ROUTES.enroll, async (request, reply) => {
    const code = normalizeEnrollmentCode(stringField(request.body, 'code', 'serverError.field.enrolmentCode', 64));
    const deviceName = stringField(request.body, 'deviceName', 'serverError.field.deskName', 120);
    const deskId = deskIdField(request.body);
    const now = deps.now();
    // Counted before the code is looked at, so a locked address is refused even the right code.
    const ticket = await admitEnrolment(deps.store, addressBucket(request.ip), now);
    const token = newDeviceToken();
    const deviceId = randomUUID();
    let clinicId: string;
    try {
      clinicId = await deps.store.transaction(async (tx) => {
        const use = await useEnrollmentCode(tx, hashSecret(code), deviceId, now, ENROLMENT_LIMITS.wrongGuessesPerCode);
        if (!use.ok) throw REFUSALS[use.reason];
        if (await deskIsEnrolled(tx, use.clinicId, deskId)) throw ALREADY_ENROLLED;
        await insertDevice(tx, { id: deviceId, clinicId: use.clinicId, deskId, name: deviceName, tokenHash: hashSecret(token), at: now });
        await acceptedEnrolment(tx, ticket);
        return use.clinicId;
      });
    } catch (err) {
      if (isRefusal(err)) throw await refusedEnrolment(deps.store, ticket, err, err === REFUSALS.unknown, now);
      throw err;
    }
    request.log.info({ clinicId, deviceId }, 'desk enrolled');
    const body: DeviceCredentials = { clinicId, deviceId, deviceToken: token };
    return reply.code(201).send(body);
  });
}
