/**
 * Who is calling: the enrolled desk (its bearer token → device and clinic) and the
 * staff member signed in on it (x-frontdesk-staff). Every route that reads or writes
 * clinic data runs `authenticate` first and then scopes every query to
 * request.device.clinicId. Imported by server/routes and server/app.ts.
 */
import type { FastifyRequest } from 'fastify';
import { SYNC_HEADERS } from '../../shared/sync/protocol.js';
import type { Permission } from '../../shared/domain/permissions.js';
import { text } from '../../shared/i18n/text.js';
import { actingStaffFrom, staffPermissionProblem, type RefusedWhat } from '../../shared/sync/push-rules.js';
import { hashSecret } from '../auth/secrets.js';
import { findDeviceByTokenHash, touchDevice } from '../data/devices.js';
import { readDocument } from '../data/documents.js';
import type { Store } from '../store/store.js';
import { forbidden, HttpError } from './errors.js';

export interface AuthedDevice {
  readonly id: string;
  readonly clinicId: string;
  /** The desk this device is (docs/design.md invariant 11), and since when it records desks. */
  readonly deskId: string;
  readonly deskSince: Date | null;
  /** It created the clinic on this server (devices.founding). */
  readonly founding: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    device: AuthedDevice | null;
  }
}

export const REVOKED_MESSAGE = text('serverError.deviceRevoked');
const NOT_ENROLLED = text('serverError.notEnrolled');
/** last_seen_at is for the admin's device list: minute precision spares a write per request. */
const TOUCH_EVERY_MS = 60_000;

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers[SYNC_HEADERS.authorization];
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** The staff id the desk says is signed in, or null. */
export function staffHeader(request: FastifyRequest): string | null {
  const value = request.headers[SYNC_HEADERS.staff];
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id === '' || id.length > 40 ? null : id;
}

export function deviceAuthenticator(store: Store, now: () => Date) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request);
    if (!token) throw new HttpError(401, 'not_enrolled', NOT_ENROLLED);
    const device = await findDeviceByTokenHash(store, hashSecret(token));
    if (!device) throw new HttpError(401, 'device_unknown', NOT_ENROLLED);
    if (device.revokedAt) throw new HttpError(401, 'device_revoked', REVOKED_MESSAGE);
    const at = now();
    if (!device.lastSeenAt || at.getTime() - new Date(device.lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
      await touchDevice(store, device.id, at);
    }
    request.device = { id: device.id, clinicId: device.clinicId, deskId: device.deskId, deskSince: device.deskSince, founding: device.founding };
  };
}

/** The authenticated device; only for routes behind `authenticate`. */
export function deviceOf(request: FastifyRequest): AuthedDevice {
  if (!request.device) throw new Error('route is missing device authentication');
  return request.device;
}

/** Checks that the signed-in staff member of this clinic holds `permission` for `what` (an admin request). */
export async function requireStaffPermission(store: Store, request: FastifyRequest, permission: Permission, what: RefusedWhat): Promise<void> {
  const device = deviceOf(request);
  const staffId = staffHeader(request);
  const staff = staffId ? actingStaffFrom(await readDocument(store, device.clinicId, 'staff', staffId)) : null;
  const problem = staffPermissionProblem(staffId, staff, permission, what);
  if (problem) throw forbidden(problem, 'permission_denied');
}
