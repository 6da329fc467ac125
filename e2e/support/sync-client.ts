/**
 * Plain HTTP calls to the sync server for test and benchmark harnesses: create a
 * clinic, enrol desks, push and pull as a desk. (Desks themselves use the app's
 * replication client.)
 */
import {
  ROUTES, SYNC_HEADERS,
  type DeviceCredentials, type EnrollmentCode, type PullResponse, type PushResponse, type WireDocument,
} from '../../shared/sync/protocol.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import { newId } from '../../shared/domain/ids.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';

export async function http<T>(url: string, init: { method: string; token?: string; staff?: string; body?: unknown }): Promise<T> {
  // A desk of this build: the server refuses any other protocol (shared/sync/protocol-version.ts).
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };
  if (init.token) headers[SYNC_HEADERS.authorization] = `Bearer ${init.token}`;
  if (init.staff) headers[SYNC_HEADERS.staff] = init.staff;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A desk's credentials and the desk id its changes name (docs/design.md invariant 11). */
export type EnrolledDesk = DeviceCredentials & { readonly deskId: string };

/**
 * Creates a clinic with `admin` as its first admin and enrols `desks` desks in all, the n-th
 * with desk id `deskIds[n]` (a new id where none is given).
 */
export async function createClinicWithDesks(serverUrl: string, adminSecret: string, admin: WireDocument, desks: number, deskIds: readonly string[] = []): Promise<EnrolledDesk[]> {
  const deskId = (i: number) => deskIds[i] ?? newId();
  const firstDesk = deskId(0);
  const first = await http<DeviceCredentials>(`${serverUrl}${ROUTES.clinics}`, {
    method: 'POST', token: adminSecret, body: { clinicId: newId(), clinicName: 'Bench Clinic', admin, deviceName: 'Desk 1', deskId: firstDesk },
  });
  const creds: EnrolledDesk[] = [{ ...first, deskId: firstDesk }];
  for (let i = 1; i < desks; i++) {
    const code = await http<EnrollmentCode>(`${serverUrl}${ROUTES.enrollmentCodes}`, { method: 'POST', token: first.deviceToken, staff: admin.id, body: {} });
    const id = deskId(i);
    creds.push({ ...await http<DeviceCredentials>(`${serverUrl}${ROUTES.enroll}`, { method: 'POST', body: { code: code.code, deviceName: `Desk ${i + 1}`, deskId: id } }), deskId: id });
  }
  return creds;
}

/** Inserts documents as one desk, in pushes of `batch`; fails on any conflict or refusal. */
export async function pushAll(serverUrl: string, token: string, staff: string, collection: CollectionName, docs: readonly Record<string, unknown>[], batch = 1000): Promise<void> {
  for (let i = 0; i < docs.length; i += batch) {
    const rows = docs.slice(i, i + batch).map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
    const res = await http<PushResponse>(`${serverUrl}${ROUTES.push(collection)}`, { method: 'POST', token, staff, body: rows });
    if (res.conflicts.length || res.refusals.length) throw new Error(`push ${collection}: ${JSON.stringify(res).slice(0, 300)}`);
  }
}

/** Every document of a collection, as a desk would pull them from the start. */
export async function pullAll(serverUrl: string, token: string, staff: string, collection: CollectionName): Promise<WireDocument[]> {
  const out: WireDocument[] = [];
  let seq = 0;
  for (;;) {
    const page = await http<PullResponse>(`${serverUrl}${ROUTES.pull(collection)}?seq=${seq}&limit=1000`, { method: 'GET', token, staff });
    out.push(...page.documents);
    if (page.documents.length < 1000) return out;
    seq = page.checkpoint.seq;
  }
}
