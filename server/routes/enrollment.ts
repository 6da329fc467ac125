/**
 * Enrolling desks: an admin's desk asks for a one-time code (POST /v1/enrollment-codes);
 * the new desk trades it for its own token (POST /v1/enroll). Codes are stored hashed,
 * last 24 hours and work once. Imported by server/app.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type DeviceCredentials, type EnrollmentCode } from '../../shared/sync/protocol.js';
import {
  CODE_LIFETIME_MS, hashSecret, newDeviceToken, newEnrollmentCode, normalizeEnrollmentCode,
} from '../auth/secrets.js';
import { insertDevice, insertEnrollmentCode, useEnrollmentCode } from '../data/devices.js';
import { deviceOf, requireStaffPermission } from '../http/device-auth.js';
import { HttpError } from '../http/errors.js';
import { stringField } from '../http/validate.js';
import type { RouteDeps } from './deps.js';

const REFUSALS = {
  unknown: new HttpError(400, 'enrollment_code_invalid', 'That enrolment code is not right. Check it for typing mistakes, or ask an admin for a new one.'),
  expired: new HttpError(410, 'enrollment_code_expired', 'That enrolment code has expired (codes last 24 hours). Ask an admin for a new one.'),
  used: new HttpError(410, 'enrollment_code_used', 'That enrolment code has already been used; each code enrols one desk. Ask an admin for a new one.'),
} as const;

export function enrollmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(ROUTES.enrollmentCodes, { preHandler: deps.authenticate }, async (request, reply) => {
    const device = deviceOf(request);
    await requireStaffPermission(deps.store, request, 'admin', 'this request for an enrolment code');
    const now = deps.now();
    const code = newEnrollmentCode();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
    await insertEnrollmentCode(deps.store, { codeHash: hashSecret(code), clinicId: device.clinicId, deviceId: device.id, at: now, expiresAt });
    const body: EnrollmentCode = { code, expiresAt: expiresAt.toISOString() };
    return reply.code(201).send(body);
  });

  app.post(ROUTES.enroll, async (request, reply) => {
    const code = normalizeEnrollmentCode(stringField(request.body, 'code', 'The enrolment code', 64));
    const deviceName = stringField(request.body, 'deviceName', "This desk's name", 120);
    const now = deps.now();
    const token = newDeviceToken();
    const deviceId = randomUUID();
    const clinicId = await deps.store.transaction(async (tx) => {
      const use = await useEnrollmentCode(tx, hashSecret(code), deviceId, now);
      if (!use.ok) throw REFUSALS[use.reason];
      await insertDevice(tx, { id: deviceId, clinicId: use.clinicId, name: deviceName, tokenHash: hashSecret(token), at: now });
      return use.clinicId;
    });
    request.log.info({ clinicId, deviceId }, 'desk enrolled');
    const body: DeviceCredentials = { clinicId, deviceId, deviceToken: token };
    return reply.code(201).send(body);
  });
}
