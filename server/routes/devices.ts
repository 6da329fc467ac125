/**
 * The clinic's desks: an admin lists them and revokes any; a desk may revoke itself
 * (leaving the sync server). Scoped to the caller's clinic: another clinic's device is
 * simply not found. Imported by server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { ROUTES } from '../../shared/sync/protocol.js';
import { listDevices, revokeDevice } from '../data/devices.js';
import { deviceOf, requireStaffPermission } from '../http/device-auth.js';
import { notFound } from '../http/errors.js';
import type { RouteDeps } from './deps.js';

export function deviceRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(ROUTES.devices, { preHandler: deps.authenticate }, async (request) => {
    const device = deviceOf(request);
    await requireStaffPermission(deps.store, request, 'admin', 'deviceListRequest');
    return listDevices(deps.store, device.clinicId);
  });

  // ROUTES.revokeDevice(id) builds this path (it would encode a literal ':id').
  app.post<{ Params: { id: string } }>('/v1/devices/:id/revoke', { preHandler: deps.authenticate }, async (request) => {
    const device = deviceOf(request);
    const target = request.params.id;
    if (target !== device.id) await requireStaffPermission(deps.store, request, 'admin', 'signOutRequest');
    const revoked = await revokeDevice(deps.store, device.clinicId, target, deps.now());
    if (!revoked) throw notFound(text('serverError.noSuchDesk'), 'device_not_found');
    deps.hub.endDevice(device.clinicId, target);
    request.log.info({ clinicId: device.clinicId, deviceId: target, by: device.id }, 'desk revoked');
    return revoked;
  });
}
