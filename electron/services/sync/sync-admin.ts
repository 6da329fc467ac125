/**
 * Main's calls to the sync server's account routes: create the clinic, enrol a desk,
 * enrolment codes, devices. (Replication itself runs in the renderer.) A refusal reaches the
 * renderer as a RefusedError with the server's Text, read as input (parseStoredText), or its
 * English words from a server before languages. Node-only.
 */
import { RefusedError } from '../../../shared/domain/result.js';
import { parseStoredText } from '../../../shared/i18n/stored-text.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';
import {
  ROUTES, SYNC_HEADERS,
  type CreateClinicRequest, type DeviceCredentials, type DeviceInfo, type EnrollmentCode, type EnrollRequest, type ErrorBody,
} from '../../../shared/sync/protocol.js';

/** A refusal by the sync server (its HTTP status) or by this desk before asking it (status 0). */
export class ServerRefusal extends RefusedError {
  constructor(readonly status: number, said: Text) {
    super({ text: said });
    this.name = 'ServerRefusal';
  }
}

/** A Text from the server, read as hostile input like a stored one; null when this desk cannot read it. */
function readText(value: unknown): Text | null {
  try {
    return parseStoredText(JSON.stringify(value));
  } catch {
    return null;
  }
}

/** What the server's error says: its Text when it is one this desk can read, else its English words. */
function errorText(body: unknown, status: number): Text {
  const error = (body as Partial<ErrorBody> | null)?.error;
  const said = readText(error?.text);
  if (said) return said;
  return typeof error?.message === 'string' ? text('connection.serverWords', { message: error.message }) : text('connection.serverAnswered', { status: String(status) });
}

async function call<T>(serverUrl: string, path: string, init: { method: string; token?: string; staff?: string; body?: unknown }): Promise<T> {
  let url: URL;
  try {
    url = new URL(path, serverUrl);
  } catch {
    throw new ServerRefusal(0, text('connection.notAnAddress', { url: serverUrl }));
  }
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };
  if (init.token) headers[SYNC_HEADERS.authorization] = `Bearer ${init.token}`;
  if (init.staff) headers[SYNC_HEADERS.staff] = init.staff;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}), signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new ServerRefusal(0, text('connection.unreachable', { host: url.host }));
  }
  const answer = await res.text();
  if (!res.ok) {
    let body: unknown = null;
    try { body = JSON.parse(answer); } catch { /* not our server */ }
    throw new ServerRefusal(res.status, errorText(body, res.status));
  }
  return (answer ? JSON.parse(answer) : undefined) as T;
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
