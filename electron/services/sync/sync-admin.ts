/**
 * Main's calls to the sync server's account routes: create the clinic, enrol a desk,
 * enrolment codes, devices. (Replication itself runs in the renderer.) Node-only.
 */
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';
import {
  ROUTES, SYNC_HEADERS,
  type CreateClinicRequest, type DeviceCredentials, type DeviceInfo, type EnrollmentCode, type EnrollRequest, type ErrorBody,
} from '../../../shared/sync/protocol.js';

export class ServerRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

async function call<T>(serverUrl: string, path: string, init: { method: string; token?: string; staff?: string; body?: unknown }): Promise<T> {
  let url: URL;
  try {
    url = new URL(path, serverUrl);
  } catch {
    throw new ServerRefusal(0, `"${serverUrl}" is not a server address. It looks like http://192.168.1.20:4318.`);
  }
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };
  if (init.token) headers[SYNC_HEADERS.authorization] = `Bearer ${init.token}`;
  if (init.staff) headers[SYNC_HEADERS.staff] = init.staff;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}), signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new ServerRefusal(0, `The sync server at ${url.host} cannot be reached. Check the address and that the server is running.`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = `The sync server answered ${res.status}.`;
    try { message = (JSON.parse(text) as ErrorBody).error.message; } catch { /* not our server */ }
    throw new ServerRefusal(res.status, message);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export function createClinicOnServer(serverUrl: string, adminSecret: string, body: CreateClinicRequest): Promise<DeviceCredentials> {
  return call(serverUrl, ROUTES.clinics, { method: 'POST', token: adminSecret, body });
}

export function enrollDesk(serverUrl: string, code: string, deviceName: string, deskId: string): Promise<DeviceCredentials> {
  const body: EnrollRequest = { code: code.trim().toUpperCase(), deviceName, deskId };
  return call(serverUrl, ROUTES.enroll, { method: 'POST', body });
}

export function createEnrollmentCode(serverUrl: string, token: string, staff: string): Promise<EnrollmentCode> {
  return call(serverUrl, ROUTES.enrollmentCodes, { method: 'POST', token, staff, body: {} });
}

export function listDevices(serverUrl: string, token: string, staff: string): Promise<DeviceInfo[]> {
  return call(serverUrl, ROUTES.devices, { method: 'GET', token, staff });
}

export function revokeDevice(serverUrl: string, token: string, staff: string, deviceId: string): Promise<void> {
  return call(serverUrl, ROUTES.revokeDevice(deviceId), { method: 'POST', token, staff, body: {} });
}
