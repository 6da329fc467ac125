/**
 * Drives the sync server in-process for tests (Fastify inject): create clinics, enrol
 * desks, call routes as a given desk and staff member. Imported by tests only.
 */
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  ROUTES, SYNC_HEADERS,
  type DeviceCredentials, type EnrollmentCode, type PullResponse, type PushResponse, type PushRow, type WireDocument,
} from '../../shared/sync/protocol.js';
import type { CollectionName } from '../../shared/schemas/index.js';
import { COLLECTION_POLICIES } from '../../shared/sync/collections.js';
import { buildServer, type ServerOptions } from '../app.js';
import type { Store } from '../store/store.js';
import { TEST_ADMIN, TEST_DESK, clientDoc, draftInvoice, serviceDoc, staffDoc } from './docs.js';

export const ADMIN_SECRET = 'test-admin-secret';

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export function testServer(store: Store, options: Partial<ServerOptions> = {}): FastifyInstance {
  return buildServer({ store, adminSecret: ADMIN_SECRET, ...options });
}

/**
 * A desk as the tests see it: its credentials, its desk id (which its changes must name,
 * docs/design.md invariant 11) and the staff member signed in on it (the header, which
 * the server reads for admin routes but never for pushes).
 */
export interface Desk {
  readonly clinicId: string;
  readonly deviceId: string;
  readonly deskId: string;
  readonly token: string;
  staffId: string | null;
}

/** The fields a desk stamps on a mutable document it changes: who (default: the signed-in staff) and on which desk. */
export function by(desk: Desk, actor: string | null = desk.staffId): { updatedBy: string; deskId: string } {
  return { updatedBy: actor ?? '', deskId: desk.deskId };
}

/** The same for a payment: who recorded it and on which desk. */
export function paidBy(desk: Desk, actor: string | null = desk.staffId): { recordedBy: string; recordedOn: string } {
  return { recordedBy: actor ?? '', recordedOn: desk.deskId };
}

/** The same for another fact (activity, messages). */
export function factBy(desk: Desk, actor: string | null = desk.staffId): { by: string; deskId: string } {
  return { by: actor ?? '', deskId: desk.deskId };
}

/** The actor and desk fields of any collection's document (shared/sync/collections.ts), as this desk records them. */
export function madeOn(collection: CollectionName, desk: Desk, actor: string | null = desk.staffId): Record<string, string> {
  const policy = COLLECTION_POLICIES[collection];
  return { [policy.actorField]: actor ?? '', [policy.deskField]: desk.deskId };
}

let desks = 1;
/** A desk id of its own for each desk a test enrols (the creating desk of every clinic is TEST_DESK). */
export const nextDeskId = (): string => `desk-${++desks}`;

export async function call<T = unknown>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  options: {
    desk?: Desk | null; token?: string; staffId?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>;
    /** The caller's socket address (inject's default is 127.0.0.1). */
    remoteAddress?: string;
  } = {},
): Promise<Reply<T>> {
  // A current desk unless the test says otherwise (a test may also delete it: an old desk).
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION), ...options.headers };
  const token = options.token ?? options.desk?.token;
  if (token) headers[SYNC_HEADERS.authorization] = `Bearer ${token}`;
  const staff = options.staffId !== undefined ? options.staffId : options.desk?.staffId;
  if (staff) headers[SYNC_HEADERS.staff] = staff;
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}), ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}) });
  let body: unknown = res.body;
  try { body = JSON.parse(res.body); } catch { /* not JSON */ }
  return { status: res.statusCode, body: body as T };
}

export interface TestClinic {
  readonly clinicId: string;
  readonly adminId: string;
  /** The creating desk, signed in as the admin. */
  readonly desk: Desk;
}

/**
 * A new clinic whose admin is TEST_ADMIN on desk TEST_DESK unless told otherwise: the
 * document builders (docs.ts) record those by default, so the creating desk pushes them.
 */
export async function createClinic(app: FastifyInstance, name = 'Fjord Physio', options: { adminId?: string; deskId?: string; clinicId?: string } = {}): Promise<TestClinic> {
  const clinicId = options.clinicId ?? `c-${randomUUID()}`;
  const adminId = options.adminId ?? TEST_ADMIN;
  const deskId = options.deskId ?? TEST_DESK;
  const res = await call<DeviceCredentials>(app, 'POST', ROUTES.clinics, {
    token: ADMIN_SECRET,
    body: { clinicId, clinicName: name, admin: staffDoc(adminId, 'Astrid Admin', ['admin'], { updatedBy: adminId, deskId }), deviceName: 'Front desk 1', deskId },
  });
  if (res.status !== 201) throw new Error(`createClinic: ${res.status} ${JSON.stringify(res.body)}`);
  return { clinicId, adminId, desk: { clinicId, deviceId: res.body.deviceId, deskId, token: res.body.deviceToken, staffId: adminId } };
}

/** Enrols another desk of the clinic with a code the admin desk creates. */
export async function enrollDesk(app: FastifyInstance, clinic: TestClinic, deskName = 'Front desk 2', deskId = nextDeskId()): Promise<Desk> {
  const code = await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} });
  if (code.status !== 201) throw new Error(`code: ${code.status} ${JSON.stringify(code.body)}`);
  const res = await call<DeviceCredentials>(app, 'POST', ROUTES.enroll, { body: { code: code.body.code, deviceName: deskName, deskId } });
  if (res.status !== 201) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.body)}`);
  return { clinicId: res.body.clinicId, deviceId: res.body.deviceId, deskId, token: res.body.deviceToken, staffId: clinic.adminId };
}

export async function push(app: FastifyInstance, desk: Desk, collection: CollectionName, rows: PushRow[]): Promise<Reply<PushResponse>> {
  return call<PushResponse>(app, 'POST', ROUTES.push(collection), { desk, body: rows });
}

/** Pushes documents as inserts (nothing assumed) and fails the test on any conflict or refusal. */
export async function insert(app: FastifyInstance, desk: Desk, collection: CollectionName, docs: WireDocument[]): Promise<void> {
  const res = await push(app, desk, collection, docs.map((d) => ({ newDocumentState: d })));
  if (res.status !== 200 || res.body.conflicts.length || res.body.refusals.length) throw new Error(`insert: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function pull(app: FastifyInstance, desk: Desk, collection: CollectionName, seq = 0, limit = 1000): Promise<Reply<PullResponse>> {
  return call<PullResponse>(app, 'GET', `${ROUTES.pull(collection)}?seq=${seq}&limit=${limit}`, { desk });
}

/** Every document of the collection as this desk would pull it. */
export async function pullAll(app: FastifyInstance, desk: Desk, collection: CollectionName): Promise<WireDocument[]> {
  const res = await pull(app, desk, collection);
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.documents;
}

/** Adds a staff member through the admin desk and returns their id. */
export async function addStaff(app: FastifyInstance, clinic: TestClinic, name: string, roles: string[], over: Partial<WireDocument> = {}): Promise<string> {
  const id = `st-${randomUUID().slice(0, 8)}`;
  await insert(app, clinic.desk, 'staff', [staffDoc(id, name, roles, { ...by(clinic.desk, clinic.adminId), ...over })]);
  return id;
}

/**
 * What the test documents of docs.ts name, so the server's reference checks take them: the
 * client `client-1`, the service `svc-1`, the practitioner `st-pract` and, unless told
 * otherwise, the draft invoice `inv-1` — pushed by the clinic's admin desk.
 */
export async function insertReferenced(app: FastifyInstance, clinic: TestClinic, options: { invoice?: boolean } = {}): Promise<void> {
  await insert(app, clinic.desk, 'staff', [staffDoc('st-pract', 'Per Praktiker', ['practitioner'], { isPractitioner: true })]);
  await insert(app, clinic.desk, 'services', [serviceDoc('svc-1')]);
  await insert(app, clinic.desk, 'clients', [clientDoc('client-1')]);
  if (options.invoice !== false) await insert(app, clinic.desk, 'invoices', [draftInvoice('inv-1')]);
}
