/**
 * The sync protocol version at the server: every answer names it, a desk of a version the
 * server cannot sync with is refused before its push is read — since protocol 2 (every
 * change records its desk) that includes desks of protocols 0 and 1 and desks from before
 * versions were exchanged (no header) — and a current desk's push is stored as sent, at the
 * current schema version — on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, SYNC_HEADERS, type ErrorBody } from '../../shared/sync/protocol.js';
import { OLDEST_PEER_PROTOCOL, PROTOCOL_VERSION, UPDATE_MESSAGES } from '../../shared/sync/protocol-version.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import { collectionSchemas } from '../../shared/schemas/index.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { clientDoc } from '../test-support/docs.js';
import { upgradePushRows } from '../sync/upgrade-push.js';
import { call, createClinic, pullAll, testServer, type TestClinic } from '../test-support/harness.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe.each(backends())('the sync protocol version on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let clinic: TestClinic;

  beforeAll(async () => {
    store = await backend.freshStore();
    app = testServer(store, { now: () => NOW });
    clinic = await createClinic(app);
  });
  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  const pushClient = (id: string, protocol: string | null) => {
    const headers: Record<string, string> = protocol === null ? {} : { [SYNC_HEADERS.protocol]: protocol };
    return app.inject({
      method: 'POST', url: ROUTES.push('clients'),
      headers: { ...headers, [SYNC_HEADERS.authorization]: `Bearer ${clinic.desk.token}`, [SYNC_HEADERS.staff]: clinic.adminId, 'content-type': 'application/json' },
      payload: JSON.stringify([{ newDocumentState: clientDoc(id) }]),
    });
  };
  const stored = async (id: string) => (await store.query<{ schema_version: number }>('SELECT schema_version FROM documents WHERE clinic_id = $1 AND id = $2', [clinic.clinicId, id]))[0];

  it('names its version on every answer, health and refusals included', async () => {
    const health = await app.inject({ method: 'GET', url: ROUTES.health });
    expect(health.headers[SYNC_HEADERS.protocol]).toBe(String(PROTOCOL_VERSION));
    const unauthenticated = await app.inject({ method: 'GET', url: ROUTES.pull('clients'), headers: { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers[SYNC_HEADERS.protocol]).toBe(String(PROTOCOL_VERSION));
    const tooOld = await app.inject({ method: 'GET', url: ROUTES.pull('clients') });
    expect(tooOld.statusCode).toBe(426);
    expect(tooOld.headers[SYNC_HEADERS.protocol]).toBe(String(PROTOCOL_VERSION));
  });

  it('stores a current desk\'s push at the current schema version, exactly as sent', async () => {
    expect((await pushClient('client-current', String(PROTOCOL_VERSION))).statusCode).toBe(200);
    expect(await stored('client-current')).toEqual({ schema_version: collectionSchemas.clients.version });
    // Nothing migrated: the desk it names stays (a migration would make it '').
    expect((await pullAll(app, clinic.desk, 'clients')).find((d) => d.id === 'client-current')).toEqual(clientDoc('client-current'));
    const rows = [{ newDocumentState: clientDoc('c-same'), assumedMasterState: clientDoc('c-same') }];
    expect(upgradePushRows('clients', rows, PROTOCOL_VERSION)).toBe(rows);
  });

  it('refuses a desk newer than itself before reading its push, with "update" in plain words', async () => {
    const res = await pushClient('client-future', String(PROTOCOL_VERSION + 1));
    expect(res.statusCode).toBe(426);
    expect((JSON.parse(res.body) as ErrorBody).error).toEqual({ code: 'desk_too_new', message: inEnglish(UPDATE_MESSAGES.deskTooNew), text: { id: UPDATE_MESSAGES.deskTooNew } });
    expect(inEnglish(UPDATE_MESSAGES.deskTooNew)).toMatch(/^Update this desk's sync server/);
    expect(await stored('client-future')).toBeUndefined();
    const pulled = await call(app, 'GET', `${ROUTES.pull('clients')}?seq=0&limit=10`, { desk: clinic.desk, headers: { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION + 1) } });
    expect(pulled.status).toBe(426);
  });

  it('refuses a version it cannot read at all', async () => {
    for (const bad of ['one', '-1', '1.5', '99999']) {
      const res = await pushClient(`client-bad-${bad}`, bad);
      expect(res.statusCode, bad).toBe(400);
      expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('bad_protocol');
    }
    expect(await store.query("SELECT id FROM documents WHERE id LIKE 'client-bad-%'")).toEqual([]);
  });

  it('refuses desks of protocols 0 to 5, and desks from before versions were exchanged, before reading their push', async () => {
    // Protocol 6 gave settings a senderMode (decision 0035): a version-5 desk's checks refuse such documents, so it is not served.
    expect(OLDEST_PEER_PROTOCOL).toBe(6);
    expect((await pushClient('client-v6-desk', '6')).statusCode).toBe(200);
    for (const old of [null, '0', '1', '2', '3', '4', '5']) {
      const res = await pushClient(`client-old-${old}`, old);
      expect(res.statusCode, String(old)).toBe(426);
      expect((JSON.parse(res.body) as ErrorBody).error, String(old)).toEqual({ code: 'desk_too_old', message: inEnglish(UPDATE_MESSAGES.deskTooOld), text: { id: UPDATE_MESSAGES.deskTooOld } });
      const headers: Record<string, string> = { [SYNC_HEADERS.authorization]: `Bearer ${clinic.desk.token}`, ...(old === null ? {} : { [SYNC_HEADERS.protocol]: old }) };
      expect((await app.inject({ method: 'GET', url: `${ROUTES.pull('clients')}?seq=0&limit=10`, headers })).statusCode, String(old)).toBe(426);
    }
    expect(await store.query("SELECT id FROM documents WHERE id LIKE 'client-old-%'")).toEqual([]);
    // Health still answers an old desk, so it can tell its user to update.
    expect((await app.inject({ method: 'GET', url: ROUTES.health })).statusCode).toBe(200);
  });

  it('reads a row stored before schema versions were kept (version 0) as the current version', async () => {
    expect((await pushClient('client-v0-row', String(PROTOCOL_VERSION))).statusCode).toBe(200);
    await store.query('UPDATE documents SET schema_version = 0 WHERE clinic_id = $1 AND id = $2', [clinic.clinicId, 'client-v0-row']);
    const pulled = (await pullAll(app, clinic.desk, 'clients')).find((d) => d.id === 'client-v0-row');
    // Migrated on the way out: a row from before desks were recorded names none.
    expect(pulled).toMatchObject({ ...clientDoc('client-v0-row'), deskId: '', _deleted: false });
  });
});
