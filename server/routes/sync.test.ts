/** Pull and push: round trips, conflicts, the collection rules, numbering, permissions, bad input — on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PULL_LIMIT_MAX, ROUTES, type ErrorBody, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { CLINIC_SETTINGS_ID } from '../../shared/schemas/settings.js';
import type { Store } from '../store/store.js';
import { SETTINGS_DOC_ID } from '../sync/push.js';
import { backends } from '../test-support/backends.js';
import { clientDoc, completedPending, draftInvoice, paymentDoc, settingsDoc, staffDoc } from '../test-support/docs.js';
import { addStaff, call, createClinic, enrollDesk, insert, pull, pullAll, push, testServer, type Desk } from '../test-support/harness.js';

const NOW = new Date('2026-03-02T23:30:00.000Z'); // already 3 March in Oslo

describe.each(backends())('sync on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let failNextPush = false;

  beforeAll(async () => {
    store = await backend.freshStore();
    app = testServer(store, {
      now: () => NOW,
      pushHooks: {
        async beforeCommit() {
          if (failNextPush) { failNextPush = false; throw new Error('injected failure'); }
        },
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  const seqOf = async (clinicId: string) => (await store.query<{ seq: number }>('SELECT seq FROM clinics WHERE id = $1', [clinicId]))[0]!.seq;

  it('uses the settings id the desks use', () => {
    expect(SETTINGS_DOC_ID).toBe(CLINIC_SETTINGS_ID);
  });

  describe('round trip', () => {
    it('carries inserts, edits and deletions from one desk to another, in pages from a checkpoint', async () => {
      const clinic = await createClinic(app);
      const other = await enrollDesk(app, clinic);
      const docs = [clientDoc('cl-1'), clientDoc('cl-2'), clientDoc('cl-3')];
      await insert(app, clinic.desk, 'clients', docs);

      const first = await pull(app, other, 'clients', 0, 2);
      expect(first.status).toBe(200);
      expect(first.body.documents).toEqual(docs.slice(0, 2));
      const second = await pull(app, other, 'clients', first.body.checkpoint.seq, 2);
      expect(second.body.documents).toEqual(docs.slice(2));
      const empty = await pull(app, other, 'clients', second.body.checkpoint.seq, 2);
      expect(empty.body).toEqual({ documents: [], checkpoint: second.body.checkpoint });

      const edited = { ...docs[0]!, firstName: 'Kari Anne' };
      const deleted = { ...docs[1]!, _deleted: true };
      expect((await push(app, other, 'clients', [
        { newDocumentState: edited, assumedMasterState: docs[0] },
        { newDocumentState: deleted, assumedMasterState: docs[1] },
      ])).body).toEqual({ conflicts: [], refusals: [] });
      const changes = await pull(app, clinic.desk, 'clients', second.body.checkpoint.seq);
      expect(changes.body.documents).toEqual([edited, deleted]);
      // Other collections are separate.
      expect(await pullAll(app, other, 'bookings')).toEqual([]);
    });

    it('records which staff member and desk wrote each row', async () => {
      const clinic = await createClinic(app);
      const other = await enrollDesk(app, clinic);
      const rita = await addStaff(app, clinic, 'Rita', ['reception']);
      other.staffId = rita;
      await insert(app, other, 'clients', [clientDoc('cl-who')]);
      const rows = await store.query('SELECT written_by_staff, written_by_device FROM documents WHERE clinic_id = $1 AND id = $2', [clinic.clinicId, 'cl-who']);
      expect(rows).toEqual([{ written_by_staff: rita, written_by_device: other.deviceId }]);
    });
  });

  describe('conflicts and repeats', () => {
    it('returns the stored state when the desk assumed an older one, and keeps it', async () => {
      const clinic = await createClinic(app);
      const v1 = clientDoc('cl-c');
      await insert(app, clinic.desk, 'clients', [v1]);
      const v2 = { ...v1, firstName: 'Second' };
      await push(app, clinic.desk, 'clients', [{ newDocumentState: v2, assumedMasterState: v1 }]);
      const stale = await push(app, clinic.desk, 'clients', [{ newDocumentState: { ...v1, lastName: 'Stale' }, assumedMasterState: v1 }]);
      expect(stale.body).toEqual({ conflicts: [v2], refusals: [] });
      // A desk that thinks the document is new when it is not also conflicts.
      const blind = await push(app, clinic.desk, 'clients', [{ newDocumentState: { ...v1, lastName: 'Blind' } }]);
      expect(blind.body.conflicts).toEqual([v2]);
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([v2]);
    });

    it('compares assumed states whatever their key order', async () => {
      const clinic = await createClinic(app);
      const v1 = clientDoc('cl-order');
      await insert(app, clinic.desk, 'clients', [v1]);
      const reordered = Object.fromEntries(Object.entries(v1).reverse()) as WireDocument;
      const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: { ...v1, firstName: 'X' }, assumedMasterState: reordered }]);
      expect(res.body).toEqual({ conflicts: [], refusals: [] });
    });

    it('takes a push sent twice once: no conflict, no new seq', async () => {
      const clinic = await createClinic(app);
      const v1 = clientDoc('cl-twice');
      await insert(app, clinic.desk, 'clients', [v1]);
      const rows: PushRow[] = [{ newDocumentState: { ...v1, firstName: 'Twice' }, assumedMasterState: v1 }];
      expect((await push(app, clinic.desk, 'clients', rows)).body).toEqual({ conflicts: [], refusals: [] });
      const seq = await seqOf(clinic.clinicId);
      expect((await push(app, clinic.desk, 'clients', rows)).body).toEqual({ conflicts: [], refusals: [] });
      expect(await seqOf(clinic.clinicId)).toBe(seq);
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([rows[0]!.newDocumentState]);
    });

    it('rolls back a failed push completely', async () => {
      const clinic = await createClinic(app);
      const seq = await seqOf(clinic.clinicId);
      failNextPush = true;
      const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: clientDoc('cl-fail') }]);
      expect(res.status).toBe(500);
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([]);
      expect(await seqOf(clinic.clinicId)).toBe(seq);
    });
  });

  describe('facts are append-only', () => {
    it('takes a new payment once and never an edit or deletion of it', async () => {
      const clinic = await createClinic(app);
      const p = paymentDoc('pay-1');
      await insert(app, clinic.desk, 'payments', [p]);
      expect((await push(app, clinic.desk, 'payments', [{ newDocumentState: p }])).body).toEqual({ conflicts: [], refusals: [] });
      const edit = await push(app, clinic.desk, 'payments', [{ newDocumentState: { ...p, amountMinor: 1 }, assumedMasterState: p }]);
      expect(edit.body).toEqual({ conflicts: [p], refusals: [] });
      const del = await push(app, clinic.desk, 'payments', [{ newDocumentState: { ...p, _deleted: true }, assumedMasterState: p }]);
      expect(del.body).toEqual({ conflicts: [p], refusals: [] });
      for (const collection of ['messages', 'activity'] as const) {
        const fact = { id: `${collection}-1`, _deleted: false, at: NOW.toISOString(), summary: 'x' };
        await insert(app, clinic.desk, collection, [fact]);
        expect((await push(app, clinic.desk, collection, [{ newDocumentState: { ...fact, summary: 'y' }, assumedMasterState: fact }])).body.conflicts).toEqual([fact]);
      }
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([p]);
    });
  });

  describe('invoices', () => {
    it('numbers a completed invoice and dates it in the clinic\'s zone with its terms', async () => {
      const clinic = await createClinic(app);
      await insert(app, clinic.desk, 'settings', [settingsDoc({ timeZone: 'Europe/Oslo', paymentTermsDays: 10 })]);
      const draft = draftInvoice('inv-a');
      await insert(app, clinic.desk, 'invoices', [draft]);
      const pending = completedPending(draft);
      const res = await push(app, clinic.desk, 'invoices', [{ newDocumentState: pending, assumedMasterState: draft }]);
      expect(res.body).toEqual({ conflicts: [], refusals: [] });
      const numbered = { ...pending, number: 1, invoiceDate: '2026-03-03', dueDate: '2026-03-13' };
      expect(await pullAll(app, clinic.desk, 'invoices')).toEqual([numbered]);
      // The completion sent again (answer lost) gets the numbered invoice back, not a second number.
      const again = await push(app, clinic.desk, 'invoices', [{ newDocumentState: pending, assumedMasterState: draft }]);
      expect(again.body).toEqual({ conflicts: [numbered], refusals: [] });
      expect((await store.query<{ invoice_counter: number }>('SELECT invoice_counter FROM clinics WHERE id = $1', [clinic.clinicId]))[0]!.invoice_counter).toBe(1);
    });

    it('uses Europe/Oslo and 14 days before the clinic has settings', async () => {
      const clinic = await createClinic(app);
      await insert(app, clinic.desk, 'invoices', [completedPending(draftInvoice('inv-d'))]);
      const [doc] = await pullAll(app, clinic.desk, 'invoices');
      expect(doc).toMatchObject({ number: 1, invoiceDate: '2026-03-03', dueDate: '2026-03-17' });
    });

    it('keeps a completed invoice: only a plain void is taken, and a void invoice stays as it is', async () => {
      const clinic = await createClinic(app);
      await insert(app, clinic.desk, 'invoices', [completedPending(draftInvoice('inv-l'))]);
      const [stored] = await pullAll(app, clinic.desk, 'invoices');
      for (const change of [{ lines: [] }, { status: 'draft' }, { _deleted: true }, { number: 99 }, { dueDate: '2027-01-01' }]) {
        const res = await push(app, clinic.desk, 'invoices', [{ newDocumentState: { ...stored!, ...change }, assumedMasterState: stored }]);
        expect(res.body, JSON.stringify(change)).toEqual({ conflicts: [stored], refusals: [] });
      }
      const voided = { ...stored!, status: 'void', updatedAt: '2026-03-04T08:00:00.000Z' };
      expect((await push(app, clinic.desk, 'invoices', [{ newDocumentState: voided, assumedMasterState: stored }])).body).toEqual({ conflicts: [], refusals: [] });
      const unvoid = await push(app, clinic.desk, 'invoices', [{ newDocumentState: { ...voided, status: 'completed' }, assumedMasterState: voided }]);
      expect(unvoid.body).toEqual({ conflicts: [voided], refusals: [] });
      expect(await pullAll(app, clinic.desk, 'invoices')).toEqual([voided]);
    });

    it('gives 50 invoices completed at once on several desks the numbers 1..50, once each', async () => {
      const clinic = await createClinic(app);
      const desks: Desk[] = [clinic.desk];
      for (let i = 0; i < 4; i++) desks.push(await enrollDesk(app, clinic, `Desk ${i + 2}`));
      const drafts = Array.from({ length: 50 }, (_, i) => draftInvoice(`inv-${i}`));
      await insert(app, clinic.desk, 'invoices', drafts);
      const results = await Promise.all(drafts.map((d, i) => push(app, desks[i % desks.length]!, 'invoices', [{ newDocumentState: completedPending(d), assumedMasterState: d }])));
      expect(results.every((r) => r.status === 200 && r.body.conflicts.length === 0 && r.body.refusals.length === 0)).toBe(true);
      const numbers = (await pullAll(app, clinic.desk, 'invoices')).map((d) => d.number as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('gives the number of a rolled-back push to the next invoice (no gap)', async () => {
      const clinic = await createClinic(app);
      const [a, b] = [draftInvoice('inv-r1'), draftInvoice('inv-r2')];
      await insert(app, clinic.desk, 'invoices', [a, b]);
      failNextPush = true;
      expect((await push(app, clinic.desk, 'invoices', [{ newDocumentState: completedPending(a), assumedMasterState: a }])).status).toBe(500);
      await push(app, clinic.desk, 'invoices', [{ newDocumentState: completedPending(b), assumedMasterState: b }]);
      await push(app, clinic.desk, 'invoices', [{ newDocumentState: completedPending(a), assumedMasterState: a }]);
      const byId = Object.fromEntries((await pullAll(app, clinic.desk, 'invoices')).map((d) => [d.id, d.number]));
      expect(byId).toEqual({ 'inv-r1': 2, 'inv-r2': 1 });
    });

    it("takes a standalone desk's numbered history once per number and continues the series after it", async () => {
      const clinic = await createClinic(app);
      const own = { ...completedPending(draftInvoice('inv-own')), number: 7, invoiceDate: '2026-01-05', dueDate: '2026-01-19' };
      await insert(app, clinic.desk, 'invoices', [own]);
      const dup = await push(app, clinic.desk, 'invoices', [{ newDocumentState: { ...own, id: 'inv-dup' } }]);
      expect(dup.body.refusals).toEqual([{ id: 'inv-dup', code: 'invoice_number', params: { number: 7 }, message: expect.stringMatching(/Invoice number 7 already belongs/) }]);
      await insert(app, clinic.desk, 'invoices', [completedPending(draftInvoice('inv-next'))]);
      const byId = Object.fromEntries((await pullAll(app, clinic.desk, 'invoices')).map((d) => [d.id, d.number]));
      expect(byId).toEqual({ 'inv-own': 7, 'inv-next': 8 });
    });
  });

  describe('permissions', () => {
    it('refuses a payment from reception, naming the person and the permission', async () => {
      const clinic = await createClinic(app);
      const ingrid = await addStaff(app, clinic, 'Ingrid Berg', ['reception']);
      const res = await call(app, 'POST', ROUTES.push('payments'), { desk: clinic.desk, staffId: ingrid, body: [{ newDocumentState: paymentDoc('pay-r') }] });
      expect(res.body).toEqual({ conflicts: [], refusals: [{ id: 'pay-r', code: 'permission_denied', message: 'Ingrid Berg does not have the billing permission, so the server did not take this payment.' }] });
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([]);
      // Billing may.
      const berit = await addStaff(app, clinic, 'Berit', ['billing']);
      const ok = await call(app, 'POST', ROUTES.push('payments'), { desk: clinic.desk, staffId: berit, body: [{ newDocumentState: paymentDoc('pay-b') }] });
      expect(ok.body).toEqual({ conflicts: [], refusals: [] });
    });

    it('refuses staff and settings changes from anyone but an admin', async () => {
      const clinic = await createClinic(app);
      const berit = await addStaff(app, clinic, 'Berit', ['billing', 'practitioner']);
      const desk = { ...clinic.desk, staffId: berit };
      const staff = await push(app, desk, 'staff', [{ newDocumentState: staffDoc(berit, 'Berit', ['admin']), assumedMasterState: staffDoc(berit, 'Berit', ['billing', 'practitioner']) }]);
      expect(staff.body.refusals).toEqual([{ id: berit, code: 'permission_denied', message: 'Berit does not have the admin permission, so the server did not take this change to the staff list.' }]);
      const settings = await push(app, desk, 'settings', [{ newDocumentState: settingsDoc() }]);
      expect(settings.body.refusals[0]!.message).toBe('Berit does not have the admin permission, so the server did not take this change to the clinic settings.');
      expect(await pullAll(app, desk, 'settings')).toEqual([]);
      expect((await pullAll(app, desk, 'staff')).find((s) => s.id === berit)!.roles).toEqual(['billing', 'practitioner']);
    });

    it('refuses writes from inactive, unknown or missing staff', async () => {
      const clinic = await createClinic(app);
      const gone = await addStaff(app, clinic, 'Gunnar', ['admin'], { active: false });
      for (const staffId of [gone, 'st-nobody', null]) {
        const res = await call<{ refusals: unknown[] }>(app, 'POST', ROUTES.push('clients'), { desk: clinic.desk, staffId, body: [{ newDocumentState: clientDoc('cl-p') }] });
        expect(res.body.refusals).toHaveLength(1);
      }
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([]);
    });
  });

  describe('bad input', () => {
    it('answers with a clear 4xx and changes nothing', async () => {
      const clinic = await createClinic(app);
      const seq = await seqOf(clinic.clinicId);
      const bad: [string, unknown, number, RegExp][] = [
        [ROUTES.push('clients'), { not: 'an array' }, 400, /JSON array/],
        [ROUTES.push('clients'), [{ newDocumentState: { id: 'x'.repeat(41), _deleted: false } }], 400, /"id" of 1–40/],
        [ROUTES.push('clients'), [{ newDocumentState: { id: 'ok' } }], 400, /_deleted/],
        [ROUTES.push('clients'), [{ newDocumentState: { id: 'ok', _deleted: false }, assumedMasterState: { id: 'other', _deleted: false } }], 400, /another document/],
        [ROUTES.push('clients'), Array.from({ length: 1001 }, (_, i) => ({ newDocumentState: { id: `c${i}`, _deleted: false } })), 400, /at most 1000 rows/],
        ['/v1/sync/nonsense/push', [], 404, /no collection called "nonsense"/],
      ];
      for (const [url, body, status, message] of bad) {
        const res = await call<ErrorBody>(app, 'POST', url, { desk: clinic.desk, body });
        expect(res.status, url).toBe(status);
        expect(res.body.error.message).toMatch(message);
      }
      const big = await call<ErrorBody>(app, 'POST', ROUTES.push('clients'), { desk: clinic.desk, body: [{ newDocumentState: { id: 'big', _deleted: false, notes: 'x'.repeat(5.5 * 1024 * 1024) } }] });
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('too_large');
      for (const q of ['seq=-1', 'seq=abc', 'limit=0', `limit=${PULL_LIMIT_MAX + 1}`, 'seq=1.5']) {
        const res = await call<ErrorBody>(app, 'GET', `${ROUTES.pull('clients')}?${q}`, { desk: clinic.desk });
        expect(res.status, q).toBe(400);
      }
      expect((await call<ErrorBody>(app, 'GET', '/v1/sync/nonsense/pull', { desk: clinic.desk })).status).toBe(404);
      expect(await seqOf(clinic.clinicId)).toBe(seq);
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([]);
    });
  });
});
