/**
 * POST /v1/clinics: the server's admin (holder of the admin secret) creates a clinic
 * with its first admin staff member and enrols the creating desk. Imported by server/app.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { ROUTES, type DeviceCredentials, type WireDocument } from '../../shared/sync/protocol.js';
import { actingStaffFrom } from '../../shared/sync/push-rules.js';
import { hasPermission } from '../../shared/domain/permissions.js';
import { documentProblem } from '../../shared/sync/document-validation.js';
import { hashSecret, newDeviceToken, secretsEqual } from '../auth/secrets.js';
import { insertClinic } from '../data/clinics.js';
import { insertDevice } from '../data/devices.js';
import { writeDocument } from '../data/documents.js';
import { reserveSeq, trimSeq } from '../data/sequence.js';
import { bearerToken } from '../http/device-auth.js';
import { badRequest, HttpError } from '../http/errors.js';
import { deskIdField, objectField, stringField, wireDocumentProblem } from '../http/validate.js';
import type { RouteDeps } from './deps.js';

const CLINIC_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function clinicRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(ROUTES.clinics, async (request, reply) => {
    const secret = bearerToken(request);
    if (!secret || !secretsEqual(secret, deps.adminSecret)) {
      throw new HttpError(401, 'admin_secret_required', text('serverError.clinic.adminSecret'));
    }
    const body = request.body;
    const clinicId = stringField(body, 'clinicId', 'serverError.field.clinicId', 64);
    if (!CLINIC_ID.test(clinicId)) throw badRequest(text('serverError.clinic.badId'));
    const clinicName = stringField(body, 'clinicName', 'serverError.field.clinicName', 120);
    const deviceName = stringField(body, 'deviceName', 'serverError.field.deskName', 120);
    const deskId = deskIdField(body);
    const admin = objectField(body, 'admin');
    const problem = wireDocumentProblem(admin);
    if (problem) throw badRequest(text('serverError.clinic.adminShape', { problem }));
    // Stored and pulled like any pushed staff document, so judged like one (invariant 13).
    const invalid = documentProblem('staff', admin);
    if (invalid) throw badRequest(text('serverError.clinic.adminInvalid', { reason: invalid.reasonText }), invalid.code);
    const adminDoc = admin as WireDocument;
    const staff = actingStaffFrom(adminDoc);
    if (!staff || !staff.active || !hasPermission(staff.roles, 'admin')) {
      throw badRequest(text('serverError.clinic.adminNotAdmin'));
    }

    const now = deps.now();
    const token = newDeviceToken();
    const deviceId = randomUUID();
    await deps.store.transaction(async (tx) => {
      if (!(await insertClinic(tx, { id: clinicId, name: clinicName, at: now }))) {
        throw new HttpError(409, 'clinic_exists', text('serverError.clinic.exists'));
      }
      await insertDevice(tx, { id: deviceId, clinicId, deskId, name: deviceName, tokenHash: hashSecret(token), at: now, founding: true });
      // The admin's staff document is synced like any other: it gets the clinic's first seq.
      const reservation = await reserveSeq(tx, clinicId, 1);
      if (!reservation) throw new Error('clinic vanished');
      await writeDocument(tx, { clinicId, collection: 'staff', document: adminDoc, seq: reservation.base + 1, staffId: staff.id, deviceId, at: now });
      await trimSeq(tx, clinicId, reservation, 1);
    });
    request.log.info({ clinicId, deviceId }, 'clinic created');
    const credentials: DeviceCredentials = { clinicId, deviceId, deviceToken: token };
    return reply.code(201).send(credentials);
  });
}
