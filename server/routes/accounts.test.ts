/** Clinics, enrolment, devices and health, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type DeviceCredentials, type DeviceInfo, type EnrollmentCode, type ErrorBody } from '../../shared/sync/protocol.js';
import { hashSecret } from '../auth/secrets.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { staffDoc } from '../test-support/docs.js';
import { ADMIN_SECRET, addStaff, call, createClinic, enrollDesk, pullAll, testServer } from '../test-support/harness.js';

const REVOKED = "This desk has been signed out of the clinic's sync server. Enrol it again with a new code from an admin.";

describe.each(backends())('accounts on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let clock = new Date('2026-03-02T08:00:00.000Z');

  beforeAll(async () => {
    store = await backend.freshStore();
    app = testServer(store, { now: () => clock });
  });
  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  describe('health', () => {
    it('answers /health and /ready', async () => {
      expect(await call(app, 'GET', ROUTES.health)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await call(app, 'GET', ROUTES.ready)).toEqual({ status: 200, body: { status: 'ready' } });
    });

    it('is not ready when the schema is missing', async () => {
      const bare = await backend.freshStore();
      await bare.query('DROP TABLE schema_migrations');
      const res = await call<ErrorBody>(testServer(bare), 'GET', ROUTES.ready);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('not_ready');
    });
  });

  describe('creating a clinic', () => {
    const body = (clinicId: string) => ({ clinicId, clinicName: 'Fjord Physio', admin: staffDoc('st-a', 'Astrid', ['admin']), deviceName: 'Desk 1', deskId: 'desk-1' });

    it('needs the admin secret', async () => {
      for (const token of [undefined, 'wrong-secret']) {
        const res = await call<ErrorBody>(app, 'POST', ROUTES.clinics, { ...(token ? { token } : {}), body: body('clinic-secret') });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('admin_secret_required');
      }
      expect(await store.query("SELECT id FROM clinics WHERE id = 'clinic-secret'")).toEqual([]);
    });

    it('creates the clinic, its admin (synced, seq 1) and the creating desk', async () => {
      const res = await call<DeviceCredentials>(app, 'POST', ROUTES.clinics, { token: ADMIN_SECRET, body: body('clinic-new') });
      expect(res.status).toBe(201);
      expect(res.body.clinicId).toBe('clinic-new');
      expect(res.body.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const desk = { clinicId: 'clinic-new', deviceId: res.body.deviceId, deskId: 'desk-1', token: res.body.deviceToken, staffId: 'st-a' };
      const staff = await pullAll(app, desk, 'staff');
      expect(staff).toEqual([staffDoc('st-a', 'Astrid', ['admin'])]);
      const [doc] = await store.query("SELECT seq, written_by_staff, written_by_device FROM documents WHERE clinic_id = 'clinic-new'");
      expect(doc).toEqual({ seq: 1, written_by_staff: 'st-a', written_by_device: res.body.deviceId });
      // Only the token's hash is stored.
      const [device] = await store.query<{ token_hash: string; desk_id: string }>('SELECT token_hash, desk_id FROM devices WHERE id = $1', [res.body.deviceId]);
      expect(device!.token_hash).toBe(hashSecret(res.body.deviceToken));
      // The desk it says it is: its changes must name it (docs/design.md invariant 11).
      expect(device!.desk_id).toBe('desk-1');
    });

    it('refuses an existing clinic id with 409 and changes nothing', async () => {
      await call(app, 'POST', ROUTES.clinics, { token: ADMIN_SECRET, body: body('clinic-dup') });
      const again = await call<ErrorBody>(app, 'POST', ROUTES.clinics, { token: ADMIN_SECRET, body: { ...body('clinic-dup'), clinicName: 'Other' } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('clinic_exists');
      expect(await store.query("SELECT name FROM clinics WHERE id = 'clinic-dup'")).toEqual([{ name: 'Fjord Physio' }]);
      expect(await store.query("SELECT count(*)::int AS n FROM devices WHERE clinic_id = 'clinic-dup'")).toEqual([{ n: 1 }]);
    });

    it('refuses a first staff member who is not an active admin, and bad ids', async () => {
      const cases = [
        { ...body('clinic-bad1'), admin: staffDoc('st-a', 'Rita', ['reception']) },
        { ...body('clinic-bad2'), admin: staffDoc('st-a', 'Astrid', ['admin'], { active: false }) },
        { ...body('clinic-bad3'), admin: { name: 'no id', _deleted: false } },
        { ...body('bad id with spaces') },
        { ...body('clinic-bad4'), clinicName: '' },
        // A desk that does not say which desk it is (an old desk) cannot create a clinic.
        { ...body('clinic-bad5'), deskId: undefined },
        { ...body('clinic-bad6'), deskId: '' },
        { ...body('clinic-bad7'), deskId: 'not a desk id!' },
      ];
      for (const b of cases) {
        const res = await call<ErrorBody>(app, 'POST', ROUTES.clinics, { token: ADMIN_SECRET, body: b });
        expect(res.status, JSON.stringify(b)).toBe(400);
        expect(res.body.error.message.length).toBeGreaterThan(10);
      }
      expect(await store.query("SELECT id FROM clinics WHERE id LIKE 'clinic-bad%'")).toEqual([]);
    });
  });

  describe('enrolment', () => {
    it('enrols a desk with a one-time code from an admin', async () => {
      const clinic = await createClinic(app);
      const code = await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} });
      expect(code.status).toBe(201);
      expect(code.body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
      expect(code.body.expiresAt).toBe(new Date(clock.getTime() + 24 * 3600_000).toISOString());
      // Stored hashed only.
      expect(await store.query('SELECT 1 FROM enrollment_codes WHERE code_hash = $1', [code.body.code])).toEqual([]);
      // Typed with a dash, spaces and in lower case, as people do.
      const typed = `${code.body.code.slice(0, 4).toLowerCase()}- ${code.body.code.slice(4)}`;
      const res = await call<DeviceCredentials>(app, 'POST', ROUTES.enroll, { body: { code: typed, deviceName: 'Desk 2', deskId: 'desk-2' } });
      expect(res.status).toBe(201);
      expect(res.body.clinicId).toBe(clinic.clinicId);
      const desk = { clinicId: clinic.clinicId, deviceId: res.body.deviceId, deskId: 'desk-2', token: res.body.deviceToken, staffId: null };
      expect((await pullAll(app, desk, 'staff')).map((d) => d.id)).toEqual([clinic.adminId]);
    });

    it('refuses a wrong code (400), a used one and an expired one (410)', async () => {
      const clinic = await createClinic(app);
      const wrong = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code: 'ABCD2345', deviceName: 'Desk', deskId: 'desk-w' } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toEqual({ code: 'enrollment_code_invalid', message: expect.stringMatching(/not right/), text: { id: 'enrol.codeInvalid' } });

      const code = (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
      expect((await call(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Desk A', deskId: 'desk-a' } })).status).toBe(201);
      const reused = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Desk B', deskId: 'desk-b' } });
      expect(reused.status).toBe(410);
      expect(reused.body.error).toEqual({ code: 'enrollment_code_used', message: expect.stringMatching(/already been used/), text: { id: 'enrol.codeUsed' } });

      const old = (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
      const saved = clock;
      clock = new Date(saved.getTime() + 24 * 3600_000 + 1);
      try {
        const expired = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code: old, deviceName: 'Desk C', deskId: 'desk-c' } });
        expect(expired.status).toBe(410);
        expect(expired.body.error).toEqual({ code: 'enrollment_code_expired', message: expect.stringMatching(/expired/), text: { id: 'enrol.codeExpired' } });
      } finally {
        clock = saved;
      }
      const names = (await call<DeviceInfo[]>(app, 'GET', ROUTES.devices, { desk: clinic.desk })).body.map((d) => d.name);
      expect(names.sort()).toEqual(['Desk A', 'Front desk 1']);
    });

    it('lets only one of two desks racing with one code enrol', async () => {
      // Several rounds: the winner's forgiving deletes the address's attempt row while the
      // others wait for it, which once gave a 500 in about one round in eight on PostgreSQL.
      for (let round = 0; round < 12; round++) {
        const clinic = await createClinic(app);
        const code = (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
        const racers = [1, 2, 3].map((i) => call(app, 'POST', ROUTES.enroll, { body: { code, deviceName: `Desk ${i}`, deskId: `desk-${round}-${i}0` } }));
        const results = await Promise.all(racers);
        expect(results.map((r) => r.status).sort()).toEqual([201, 410, 410]);
      }
    });

    it('refuses a desk that does not say which desk it is (400), keeping the code', async () => {
      const clinic = await createClinic(app);
      const code = (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
      for (const deskId of [undefined, '', 'not a desk id!', 'x'.repeat(41)]) {
        const res = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Old desk', ...(deskId === undefined ? {} : { deskId }) } });
        expect(res.status, String(deskId)).toBe(400);
        expect(res.body.error.message).toMatch(/did not say which desk it is/);
      }
      expect((await call(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'New desk', deskId: 'desk-new' } })).status).toBe(201);
    });

    it('refuses a desk id an enrolled desk of the clinic already has (409), and the code still works for another desk', async () => {
      const clinic = await createClinic(app);
      const second = await enrollDesk(app, clinic, 'Front desk 2', 'desk-twin');
      const code = (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
      for (const deskId of [clinic.desk.deskId, 'desk-twin']) {
        const res = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Twin', deskId } });
        expect(res.status, deskId).toBe(409);
        expect(res.body.error.code).toBe('desk_already_enrolled');
      }
      expect(await store.query('SELECT count(*)::int AS n FROM devices WHERE clinic_id = $1', [clinic.clinicId])).toEqual([{ n: 2 }]);
      expect(await store.query('SELECT used_at FROM enrollment_codes WHERE code_hash = $1', [hashSecret(code)])).toEqual([{ used_at: null }]);
      // The same desk id in another clinic is another desk.
      const other = await createClinic(app, 'Other clinic');
      await expect(enrollDesk(app, other, 'Twin elsewhere', 'desk-twin')).resolves.toMatchObject({ deskId: 'desk-twin' });
      // The code was not used up: it enrols another desk id.
      const res = await call<DeviceCredentials>(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Desk 3', deskId: 'desk-third' } });
      expect(res.status).toBe(201);
      expect(res.body.clinicId).toBe(clinic.clinicId);
      // Once its old enrolment is signed out, the desk may enrol again.
      expect((await call(app, 'POST', ROUTES.revokeDevice(second.deviceId), { desk: clinic.desk, body: {} })).status).toBe(200);
      await expect(enrollDesk(app, clinic, 'Front desk 2 again', 'desk-twin')).resolves.toMatchObject({ deskId: 'desk-twin' });
    });

    it('needs an admin to create a code', async () => {
      const clinic = await createClinic(app);
      const billing = await addStaff(app, clinic, 'Berit Billing', ['billing']);
      const res = await call<ErrorBody>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, staffId: billing, body: {} });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Berit Billing does not have the admin permission, so the server did not take this request for an enrolment code.');
      const none = await call<ErrorBody>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, staffId: null, body: {} });
      expect(none.status).toBe(403);
      expect(await store.query('SELECT 1 FROM enrollment_codes WHERE clinic_id = $1', [clinic.clinicId])).toEqual([]);
    });
  });

  describe('devices', () => {
    it('lists the clinic\'s desks for an admin, with last seen times', async () => {
      const clinic = await createClinic(app);
      const second = await enrollDesk(app, clinic);
      await pullAll(app, second, 'staff');
      const res = await call<DeviceInfo[]>(app, 'GET', ROUTES.devices, { desk: clinic.desk });
      expect(res.status).toBe(200);
      expect(res.body.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { id: clinic.desk.deviceId, name: 'Front desk 1', createdAt: clock.toISOString(), lastSeenAt: clock.toISOString(), revokedAt: null },
        { id: second.deviceId, name: 'Front desk 2', createdAt: clock.toISOString(), lastSeenAt: clock.toISOString(), revokedAt: null },
      ]);
      const reception = await addStaff(app, clinic, 'Rita', ['reception']);
      expect((await call(app, 'GET', ROUTES.devices, { desk: clinic.desk, staffId: reception })).status).toBe(403);
    });

    it('revokes a desk: its token gets 401 device_revoked everywhere', async () => {
      const clinic = await createClinic(app);
      const second = await enrollDesk(app, clinic);
      const res = await call<DeviceInfo>(app, 'POST', ROUTES.revokeDevice(second.deviceId), { desk: clinic.desk, body: {} });
      expect(res.status).toBe(200);
      expect(res.body.revokedAt).toBe(clock.toISOString());
      for (const [method, url] of [['GET', ROUTES.pull('staff')], ['POST', ROUTES.push('staff')], ['GET', ROUTES.stream], ['GET', ROUTES.devices]] as const) {
        const r = await call<ErrorBody>(app, method, url, { desk: second, ...(method === 'POST' ? { body: [] } : {}) });
        expect(r.status, url).toBe(401);
        expect(r.body.error).toEqual({ code: 'device_revoked', message: REVOKED, text: { id: 'serverError.deviceRevoked' } });
      }
      // Unknown or missing tokens are 401 too, with another code.
      expect((await call<ErrorBody>(app, 'GET', ROUTES.pull('staff'), { token: 'nope' })).body.error.code).toBe('device_unknown');
      expect((await call<ErrorBody>(app, 'GET', ROUTES.pull('staff'))).status).toBe(401);
    });

    it('lets a desk revoke itself without admin, but not another desk', async () => {
      const clinic = await createClinic(app);
      const second = await enrollDesk(app, clinic);
      const third = await enrollDesk(app, clinic, 'Desk 3');
      const reception = await addStaff(app, clinic, 'Rita', ['reception']);
      const other = await call(app, 'POST', ROUTES.revokeDevice(third.deviceId), { desk: second, staffId: reception, body: {} });
      expect(other.status).toBe(403);
      const self = await call(app, 'POST', ROUTES.revokeDevice(second.deviceId), { desk: second, staffId: reception, body: {} });
      expect(self.status).toBe(200);
      expect((await call(app, 'GET', ROUTES.pull('staff'), { desk: second })).status).toBe(401);
      expect((await call(app, 'GET', ROUTES.pull('staff'), { desk: third })).status).toBe(200);
      expect((await call<ErrorBody>(app, 'POST', ROUTES.revokeDevice('no-such-desk'), { desk: clinic.desk, body: {} })).body.error.code).toBe('device_not_found');
    });
  });

  describe('errors', () => {
    it('answers unknown routes, bad JSON and wrong content types with an ErrorBody', async () => {
      const clinic = await createClinic(app);
      const missing = await call<ErrorBody>(app, 'GET', '/v2/nothing');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
      const badJson = await call<ErrorBody>(app, 'POST', ROUTES.push('clients'), { desk: clinic.desk, rawBody: '[{"newDocumentState": ' });
      expect(badJson.status).toBe(400);
      expect(badJson.body.error).toEqual({ code: 'bad_json', message: 'The request body is not valid JSON, or uses a key the server refuses (__proto__, constructor.prototype).', text: { id: 'serverError.badJson' } });
      const text = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { rawBody: '<code>ABC</code>', headers: { 'content-type': 'application/xml' } });
      expect(text.status).toBe(415);
      expect(text.body.error.code).toBe('unsupported_media_type');
      const empty = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { rawBody: '', headers: { 'content-type': 'application/json' } });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/no body/);
    });

    it('answers CORS preflights for the desks\' renderer', async () => {
      const res = await app.inject({
        method: 'OPTIONS', url: ROUTES.push('clients'),
        headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-frontdesk-staff,content-type' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/x-frontdesk-staff/);
    });

    it('hides internals of an unexpected failure behind a 500', async () => {
      const broken = testServer({ ...store, query: async () => { throw new Error('secret internals: relation xyz'); } });
      const res = await call<ErrorBody>(broken, 'GET', ROUTES.pull('staff'), { token: 'anything' });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
      expect(JSON.stringify(res.body)).not.toMatch(/secret internals|xyz/);
    });
  });
});
