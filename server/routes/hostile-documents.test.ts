/**
 * The other side of the hostile pushes, on PGlite and PostgreSQL:
 * no clinic is made from a document a desk would not write, and every document a real desk
 * makes is taken (the cases themselves are run and counted by e2e/hostile/hostile-inputs.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { COLLECTION_NAMES } from '../../shared/schemas/index.js';
import { backends } from '../test-support/backends.js';
import { ROUTES, type ErrorBody } from '../../shared/sync/protocol.js';
import { staffDoc } from '../test-support/docs.js';
import { ADMIN_SECRET, call, createClinic, nextDeskId, push, testServer } from '../test-support/harness.js';
import { DESK_DOCUMENTS_DESK, deskDocuments } from '../../shared/test-support/desk-documents.js';
import { prepareHostileTarget, type HostileTarget } from '../test-support/hostile/document-cases.js';

describe.each(backends())('hostile pushes on $name', (backend) => {
  let app: FastifyInstance;
  let target: HostileTarget;

  beforeAll(async () => {
    const store = await backend.freshStore();
    app = testServer(store);
    target = await prepareHostileTarget(app, store);
  });
  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  it('creates no clinic from an admin document a desk would not write, or a name with a NUL in it', async () => {
    const attempts: [Record<string, unknown>, RegExp][] = [
      [{ admin: staffDoc('st-a', 'Astrid\u0000', ['admin']) }, /NUL/],
      [{ admin: { ...staffDoc('st-a', 'Astrid', ['admin']), isAdmin: true } }, /"isAdmin" is not a field/],
      [{ deviceName: 'Desk\u0000' }, /control character/],
      [{ clinicName: 'Fjord \ud83d' }, /half of a character/],
    ];
    for (const [over, message] of attempts) {
      const clinicId = `c-hostile-${Math.random().toString(36).slice(2, 10)}`;
      const res = await call<ErrorBody>(app, 'POST', ROUTES.clinics, {
        token: ADMIN_SECRET, body: { clinicId, clinicName: 'Fjord Physio', admin: staffDoc('st-a', 'Astrid', ['admin']), deviceName: 'Desk 1', deskId: nextDeskId(), ...over },
      });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(await target.store.query('SELECT 1 FROM clinics WHERE id = $1', [clinicId])).toEqual([]);
    }
  });

  it('takes every document a real desk makes, each collection pushed on its own in the desk\'s order', async () => {
    const docs = await deskDocuments();
    // The server makes the clinic with the desk's admin on the desk's id; the desk's own copy of
    // that admin is then the server's, not pushed again.
    const adminId = docs.staff.find((d) => (d.roles as string[]).includes('admin'))!.id;
    const clinic = await createClinic(app, 'Desk-made Clinic', { adminId, deskId: DESK_DOCUMENTS_DESK });
    for (const collection of COLLECTION_NAMES) {
      const made = docs[collection].filter((d) => d.id !== adminId);
      const res = await push(app, clinic.desk, collection, made.map((d) => ({ newDocumentState: d })));
      expect(res.body, collection).toEqual({ conflicts: [], refusals: [] });
    }
  });

});
