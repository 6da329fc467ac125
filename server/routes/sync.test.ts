/** Pull and push: round trips, conflicts, the collection rules, numbering, permissions, bad input — on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PULL_LIMIT_MAX, ROUTES, type ErrorBody, type PushRow, type WireDocument } from '../../shared/sync/protocol.js';
import { CLINIC_SETTINGS_ID } from '../../shared/schemas/settings.js';
import type { Store } from '../store/store.js';
import { SETTINGS_DOC_ID } from '../sync/push.js';
import { backends } from '../test-support/backends.js';
import { activityDoc, bookingDoc, clientDoc, completedPending, draftInvoice, messageDoc, paymentDoc, paymentRequestDoc, serviceDoc, settingsDoc, staffDoc } from '../test-support/docs.js';
import { reminderFeeId } from '../../shared/domain/reminder-fees.js';
import { addStaff, by, call, createClinic, enrollDesk, factBy, insert, insertReferenced, paidBy, pull, pullAll, push, testServer, type Desk } from '../test-support/harness.js';

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

      // The other desk's changes name it (docs/design.md invariant 11).
      const edited = { ...docs[0]!, firstName: 'Kari Anne', ...by(other) };
      const deleted = { ...docs[1]!, _deleted: true, ...by(other) };
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
      // The header names nobody: the row records the actor the document names.
      other.staffId = null;
      await insert(app, other, 'clients', [clientDoc('cl-who', by(other, rita))]);
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
      await insertReferenced(app, clinic);
      const p = paymentDoc('pay-1');
      await insert(app, clinic.desk, 'payments', [p]);
      expect((await push(app, clinic.desk, 'payments', [{ newDocumentState: p }])).body).toEqual({ conflicts: [], refusals: [] });
      const edit = await push(app, clinic.desk, 'payments', [{ newDocumentState: { ...p, amountMinor: 1 }, assumedMasterState: p }]);
      expect(edit.body).toEqual({ conflicts: [p], refusals: [] });
      const del = await push(app, clinic.desk, 'payments', [{ newDocumentState: { ...p, _deleted: true }, assumedMasterState: p }]);
      expect(del.body).toEqual({ conflicts: [p], refusals: [] });
      for (const fact of [{ collection: 'messages', doc: messageDoc('messages-1') }, { collection: 'activity', doc: activityDoc('activity-1') }] as const) {
        await insert(app, clinic.desk, fact.collection, [fact.doc]);
        const later = { ...fact.doc, at: NOW.toISOString() };
        expect((await push(app, clinic.desk, fact.collection, [{ newDocumentState: later, assumedMasterState: fact.doc }])).body.conflicts).toEqual([fact.doc]);
      }
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([p]);
    });
  });

  describe('invoices', () => {
    it('numbers a completed invoice and dates it in the clinic\'s zone with its terms', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic, { invoice: false });
      await insert(app, clinic.desk, 'settings', [settingsDoc({ timeZone: 'Europe/Oslo', paymentTermsDays: 10 })]);
      const draft = draftInvoice('inv-a');
      await insert(app, clinic.desk, 'invoices', [draft]);
      const pending = completedPending(draft);
      const res = await push(app, clinic.desk, 'invoices', [{ newDocumentState: pending, assumedMasterState: draft }]);
      const numbered = { ...pending, number: 1, invoiceDate: '2026-03-03', dueDate: '2026-03-13' };
      // The answer carries the numbered invoice: the desk takes it at once, not only when it next pulls.
      expect(res.body).toEqual({ conflicts: [], refusals: [], numbered: [numbered] });
      expect(await pullAll(app, clinic.desk, 'invoices')).toEqual([numbered]);
      // The completion sent again (answer lost) gets the numbered invoice back, not a second number.
      const again = await push(app, clinic.desk, 'invoices', [{ newDocumentState: pending, assumedMasterState: draft }]);
      expect(again.body).toEqual({ conflicts: [numbered], refusals: [] });
      expect((await store.query<{ invoice_counter: number }>('SELECT invoice_counter FROM clinics WHERE id = $1', [clinic.clinicId]))[0]!.invoice_counter).toBe(1);
    });

    it('uses Europe/Oslo and 14 days before the clinic has settings', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic, { invoice: false });
      await insert(app, clinic.desk, 'invoices', [completedPending(draftInvoice('inv-d'))]);
      const [doc] = await pullAll(app, clinic.desk, 'invoices');
      expect(doc).toMatchObject({ number: 1, invoiceDate: '2026-03-03', dueDate: '2026-03-17' });
    });

    it('keeps a completed invoice: only a plain void is taken, and a void invoice stays as it is', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic, { invoice: false });
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
      await insertReferenced(app, clinic, { invoice: false });
      const desks: Desk[] = [clinic.desk];
      for (let i = 0; i < 4; i++) desks.push(await enrollDesk(app, clinic, `Desk ${i + 2}`));
      const drafts = Array.from({ length: 50 }, (_, i) => draftInvoice(`inv-${i}`));
      await insert(app, clinic.desk, 'invoices', drafts);
      const results = await Promise.all(drafts.map((d, i) => {
        const desk = desks[i % desks.length]!;
        return push(app, desk, 'invoices', [{ newDocumentState: { ...completedPending(d), ...by(desk) }, assumedMasterState: d }]);
      }));
      expect(results.every((r) => r.status === 200 && r.body.conflicts.length === 0 && r.body.refusals.length === 0)).toBe(true);
      const numbers = (await pullAll(app, clinic.desk, 'invoices')).map((d) => d.number as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('gives the number of a rolled-back push to the next invoice (no gap)', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic, { invoice: false });
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
      await insertReferenced(app, clinic, { invoice: false });
      const own = { ...completedPending(draftInvoice('inv-own')), number: 7, invoiceDate: '2026-01-05', dueDate: '2026-01-19' };
      await insert(app, clinic.desk, 'invoices', [own]);
      const dup = await push(app, clinic.desk, 'invoices', [{ newDocumentState: { ...own, id: 'inv-dup' } }]);
      expect(dup.body.refusals).toEqual([{ id: 'inv-dup', code: 'invoice_number', params: { number: 7 }, message: expect.stringMatching(/Invoice number 7 already belongs/), text: { id: 'push.invoiceNumberTaken', values: { number: '7' } } }]);
      await insert(app, clinic.desk, 'invoices', [completedPending(draftInvoice('inv-next'))]);
      const byId = Object.fromEntries((await pullAll(app, clinic.desk, 'invoices')).map((d) => [d.id, d.number]));
      expect(byId).toEqual({ 'inv-own': 7, 'inv-next': 8 });
    });
  });

  describe('permissions: the actor each change records, never the signed-in header', () => {
    const denied = (id: string, actor: string, message: unknown = expect.any(String)) => ({ id, code: 'permission_denied', params: { actor }, message, text: expect.objectContaining({ id: expect.stringMatching(/^syncRule\./) }) });

    it('refuses a payment recorded by reception, naming the person and the permission', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic);
      const ingrid = await addStaff(app, clinic, 'Ingrid Berg', ['reception']);
      const res = await push(app, clinic.desk, 'payments', [{ newDocumentState: paymentDoc('pay-r', paidBy(clinic.desk, ingrid)) }]);
      expect(res.body).toEqual({ conflicts: [], refusals: [denied('pay-r', ingrid, 'Ingrid Berg does not have the billing permission, so the server did not take this payment.')] });
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([]);
      // Billing may.
      const berit = await addStaff(app, clinic, 'Berit', ['billing']);
      const ok = await push(app, clinic.desk, 'payments', [{ newDocumentState: paymentDoc('pay-b', paidBy(clinic.desk, berit)) }]);
      expect(ok.body).toEqual({ conflicts: [], refusals: [] });
    });

    it('refuses a payment recorded by reception even when the header names an admin', async () => {
      const clinic = await createClinic(app);
      const rita = await addStaff(app, clinic, 'Rita', ['reception']);
      const res = await call(app, 'POST', ROUTES.push('payments'), { desk: clinic.desk, staffId: clinic.adminId, body: [{ newDocumentState: paymentDoc('pay-h', paidBy(clinic.desk, rita)) }] });
      expect(res.body).toEqual({ conflicts: [], refusals: [denied('pay-h', rita, 'Rita does not have the billing permission, so the server did not take this payment.')] });
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([]);
    });

    it('takes a payment billing recorded though reception has signed in since (a shift change), and keeps who recorded it', async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic);
      const berit = await addStaff(app, clinic, 'Berit', ['billing']);
      const rita = await addStaff(app, clinic, 'Rita', ['reception']);
      const admin = clinic.adminId;
      // Recorded offline by Berit, and by the admin; pushed after Rita signed in on the desk.
      const payments = [paymentDoc('pay-shift', paidBy(clinic.desk, berit)), paymentDoc('pay-shift-2', paidBy(clinic.desk, admin))];
      const draft = draftInvoice('inv-shift');
      const res = await call(app, 'POST', ROUTES.push('payments'), { desk: clinic.desk, staffId: rita, body: payments.map((p) => ({ newDocumentState: p })) });
      expect(res.body).toEqual({ conflicts: [], refusals: [] });
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual(payments);
      // No one signed in at all: the changes still say who made them.
      expect((await call(app, 'POST', ROUTES.push('invoices'), { desk: clinic.desk, staffId: null, body: [{ newDocumentState: draft }] })).body).toEqual({ conflicts: [], refusals: [] });
      const rows = await store.query('SELECT id, written_by_staff FROM documents WHERE clinic_id = $1 AND id LIKE $2 ORDER BY id', [clinic.clinicId, '%-shift%']);
      expect(rows).toEqual([{ id: 'inv-shift', written_by_staff: admin }, { id: 'pay-shift', written_by_staff: berit }, { id: 'pay-shift-2', written_by_staff: admin }]);
    });

    it('refuses staff and settings changes recorded by anyone but an admin', async () => {
      const clinic = await createClinic(app);
      const berit = await addStaff(app, clinic, 'Berit', ['billing', 'practitioner']);
      const desk = clinic.desk; // the header names the admin throughout
      const staff = await push(app, desk, 'staff', [{ newDocumentState: staffDoc(berit, 'Berit', ['admin'], by(desk, berit)), assumedMasterState: staffDoc(berit, 'Berit', ['billing', 'practitioner']) }]);
      expect(staff.body.refusals).toEqual([denied(berit, berit, 'Berit does not have the admin permission, so the server did not take this change to the staff list.')]);
      const settings = await push(app, desk, 'settings', [{ newDocumentState: settingsDoc(by(desk, berit)) }]);
      expect(settings.body.refusals[0]!.message).toBe('Berit does not have the admin permission, so the server did not take this change to the clinic settings.');
      expect(await pullAll(app, desk, 'settings')).toEqual([]);
      expect((await pullAll(app, desk, 'staff')).find((s) => s.id === berit)!.roles).toEqual(['billing', 'practitioner']);
    });

    it('takes a staff member choosing their own secret, and refuses one set for someone else', async () => {
      const clinic = await createClinic(app);
      const rita = await addStaff(app, clinic, 'Rita', ['reception']);
      const olav = await addStaff(app, clinic, 'Olav', ['reception']);
      const desk = clinic.desk;
      const stored = await pullAll(app, desk, 'staff');
      const secret = { kind: 'pin', scheme: 'scrypt:N=32768,r=8,p=1', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: 'aGFzaA==', setAt: '2026-03-02T10:00:00.000Z' };
      const ritaDoc = stored.find((s) => s.id === rita)!;
      const own = await push(app, desk, 'staff', [{ newDocumentState: { ...ritaDoc, ...by(desk, rita), secret }, assumedMasterState: ritaDoc }]);
      expect(own.body).toEqual({ conflicts: [], refusals: [] });
      const olavDoc = stored.find((s) => s.id === olav)!;
      const forged = await push(app, desk, 'staff', [{ newDocumentState: { ...olavDoc, ...by(desk, rita), secret }, assumedMasterState: olavDoc }]);
      expect(forged.body.refusals).toEqual([denied(olav, rita, 'Rita does not have the admin permission, so the server did not take this change to the staff list.')]);
      const after = await pullAll(app, desk, 'staff');
      expect(after.find((s) => s.id === rita)!.secret).toEqual(secret);
      expect(after.find((s) => s.id === olav)!.secret).toBeUndefined();
    });

    it("refuses writes recorded for inactive, removed, unknown, missing or another clinic's staff", async () => {
      const clinic = await createClinic(app);
      const gone = await addStaff(app, clinic, 'Gunnar', ['admin'], { active: false });
      // Rolf made a change offline, and was removed from the staff list before it was pushed.
      const rolf = await addStaff(app, clinic, 'Rolf', ['admin']);
      const rolfDoc = (await pullAll(app, clinic.desk, 'staff')).find((s) => s.id === rolf)!;
      await push(app, clinic.desk, 'staff', [{ newDocumentState: { ...rolfDoc, active: false }, assumedMasterState: rolfDoc }]);
      const elsewhere = await createClinic(app, 'Another clinic', { adminId: 'st-elsewhere' });
      const theirBilling = await addStaff(app, elsewhere, 'Bodil', ['admin', 'billing']);
      const seq = await seqOf(clinic.clinicId);
      for (const actor of [gone, rolf, 'st-nobody', '', elsewhere.adminId, theirBilling]) {
        const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: clientDoc('cl-p', by(clinic.desk, actor)) }]);
        expect(res.body.refusals, actor).toEqual([denied('cl-p', actor)]);
        const pay = await push(app, clinic.desk, 'payments', [{ newDocumentState: paymentDoc('pay-p', paidBy(clinic.desk, actor)) }]);
        expect(pay.body.refusals, actor).toEqual([denied('pay-p', actor)]);
      }
      expect((await push(app, clinic.desk, 'clients', [{ newDocumentState: clientDoc('cl-g', by(clinic.desk, gone)) }])).body.refusals[0]!.message).toBe('Gunnar is no longer active at the clinic, so the server did not take this change to a client.');
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([]);
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([]);
      expect(await seqOf(clinic.clinicId)).toBe(seq);
    });

    it("bounds what a desk records as the system's: the chasing's fee, a link's status and address, and desk-made invoice numbers", async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic);
      await insert(app, clinic.desk, 'settings', [settingsDoc({ reminderFeeMinor: 3_500 })]);
      // Numbered and dated by the server: due 17 March.
      const completing = await push(app, clinic.desk, 'invoices', [{ newDocumentState: completedPending(draftInvoice('inv-1')), assumedMasterState: draftInvoice('inv-1') }]);
      expect(completing.body).toMatchObject({ conflicts: [], refusals: [], numbered: [expect.objectContaining({ id: 'inv-1' })] });
      const desk = await enrollDesk(app, clinic);
      const seq = await seqOf(clinic.clinicId);
      const feeAt = '2026-04-01T09:00:00.000Z';
      // A 99,999.00 "fee" recorded as the chasing's from a desk where only reception may be signed in.
      const forgedFee = paymentDoc(reminderFeeId('inv-1', 'reminder'), { kind: 'fee', method: 'other', amountMinor: 9_999_900, at: feeAt, ...paidBy(desk, 'system') });
      const fee = await push(app, desk, 'payments', [{ newDocumentState: forgedFee }]);
      expect(fee.body.refusals).toEqual([{ id: forgedFee.id, code: 'rule_broken', message: expect.stringMatching(/not the clinic's reminder fee/), text: expect.objectContaining({ id: expect.any(String) }) }]);
      // A sent link set to paid, its amount to 1 and its address to an outside site.
      const sent = paymentRequestDoc('pr-1', { status: 'sent', amountMinor: 75_000, linkUrl: 'https://checkout.stripe.com/c/pay/cs_test_1', providerRef: 'cs_test_1', sentAt: NOW.toISOString() });
      await insert(app, clinic.desk, 'paymentrequests', [sent]);
      const forgedLink = { ...sent, status: 'paid', amountMinor: 1, linkUrl: 'https://pay.evil.example/x', ...by(desk, 'system') };
      const link = await push(app, desk, 'paymentrequests', [{ newDocumentState: forgedLink, assumedMasterState: sent }]);
      expect(link.body.refusals).toEqual([{ id: 'pr-1', code: 'system_write', message: expect.stringMatching(/amount is fixed/), text: expect.objectContaining({ id: 'syncRule.systemWriteBroken' }) }]);
      // An invoice numbered 900000 by a desk that did not found the clinic.
      const numbered = { ...completedPending(draftInvoice('inv-forged', by(desk))), number: 900_000, invoiceDate: '2026-03-01', dueDate: '2026-03-15', completedAt: '2026-03-01T10:00:00.000Z' };
      const invoice = await push(app, desk, 'invoices', [{ newDocumentState: numbered }]);
      expect(invoice.body.refusals).toEqual([{ id: 'inv-forged', code: 'invoice_number', params: { number: 900_000 }, message: expect.stringMatching(/given by the sync server/), text: { id: 'syncRule.invoice.numberedByDesk', values: { number: '900000' } } }]);
      expect(await seqOf(clinic.clinicId)).toBe(seq + 1); // the admin's link alone
      // What the chasing and the provider really write is taken.
      await insert(app, desk, 'payments', [{ ...forgedFee, amountMinor: 3_500 }]);
      const paid = await push(app, desk, 'paymentrequests', [{ newDocumentState: { ...sent, status: 'paid', ...by(desk, 'system') }, assumedMasterState: sent }]);
      expect(paid.body).toEqual({ conflicts: [], refusals: [] });
      const next = await push(app, clinic.desk, 'invoices', [{ newDocumentState: completedPending(draftInvoice('inv-next')) }]);
      expect(next.body.refusals).toEqual([]);
      expect((await pullAll(app, clinic.desk, 'invoices')).find((d) => d.id === 'inv-next')!.number).toBe(2);
    });

    it("refuses what only people do when it is recorded as the system's, and takes the system's own work", async () => {
      const clinic = await createClinic(app);
      await insertReferenced(app, clinic);
      const system = by(clinic.desk, 'system');
      const seq = await seqOf(clinic.clinicId);
      const cases: [Parameters<typeof push>[2], WireDocument][] = [
        ['bookings', bookingDoc('bk-s', system)],
        ['clients', clientDoc('cl-s', system)],
        ['settings', settingsDoc(system)],
        ['staff', staffDoc('st-s', 'Sneaky', ['admin'], system)],
        ['services', serviceDoc('svc-s', system)],
        ['invoices', draftInvoice('inv-s', system)],
        ['payments', paymentDoc('pay-s', paidBy(clinic.desk, 'system'))],
      ];
      for (const [collection, doc] of cases) {
        const res = await push(app, clinic.desk, collection, [{ newDocumentState: doc }]);
        expect(res.body, collection).toEqual({ conflicts: [], refusals: [{ id: doc.id, code: 'system_write', message: expect.any(String), text: expect.objectContaining({ id: expect.stringMatching(/^syncRule\./) }) }] });
        expect((await pullAll(app, clinic.desk, collection)).map((d) => d.id), collection).not.toContain(doc.id);
      }
      expect(await seqOf(clinic.clinicId)).toBe(seq);
      // The desk's own sending and activity are the system's.
      await insert(app, clinic.desk, 'activity', [activityDoc('act-s', factBy(clinic.desk, 'system'))]);
      await insert(app, clinic.desk, 'messages', [messageDoc('msg-s', factBy(clinic.desk, 'system'))]);
    });
  });

  describe('desks: the desk each change records', () => {
    const wrongDesk = (id: string, desk: string) => ({ id, code: 'wrong_desk', params: { desk }, message: expect.stringMatching(/made on another desk/), text: expect.objectContaining({ id: 'syncRule.wrongDesk' }) });

    it('refuses a new change naming another desk, and stores nothing', async () => {
      const clinic = await createClinic(app);
      const other = await enrollDesk(app, clinic);
      const seq = await seqOf(clinic.clinicId);
      for (const desk of [other.deskId, 'desk-unknown']) {
        const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: clientDoc('cl-w', { deskId: desk }) }]);
        expect(res.body, desk).toEqual({ conflicts: [], refusals: [wrongDesk('cl-w', desk)] });
        const pay = await push(app, clinic.desk, 'payments', [{ newDocumentState: paymentDoc('pay-w', { recordedOn: desk }) }]);
        expect(pay.body, desk).toEqual({ conflicts: [], refusals: [wrongDesk('pay-w', desk)] });
      }
      // An edit of a stored document made elsewhere is the pushing desk's change: it must name it too.
      const v1 = clientDoc('cl-e');
      await insert(app, clinic.desk, 'clients', [v1]);
      const forged = await push(app, other, 'clients', [{ newDocumentState: { ...v1, firstName: 'Forged' }, assumedMasterState: v1 }]);
      expect(forged.body.refusals).toEqual([wrongDesk('cl-e', clinic.desk.deskId)]);
      expect(await pullAll(app, clinic.desk, 'clients')).toEqual([v1]);
      expect(await pullAll(app, clinic.desk, 'payments')).toEqual([]);
      expect(await seqOf(clinic.clinicId)).toBe(seq + 1);
    });

    it('takes a change naming no desk only when it is older than the desk began recording desks', async () => {
      const clinic = await createClinic(app); // enrolled at NOW: it records desks from then on
      await insertReferenced(app, clinic);
      const before = clientDoc('cl-old', { deskId: '', updatedAt: '2026-03-01T12:00:00.000Z' });
      const after = clientDoc('cl-new', { deskId: '', updatedAt: new Date(NOW.getTime() + 60_000).toISOString() });
      const oldPayment = paymentDoc('pay-old', { recordedOn: '' });
      const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: before }, { newDocumentState: after }]);
      expect(res.body).toEqual({ conflicts: [], refusals: [wrongDesk('cl-new', '')] });
      expect((await pullAll(app, clinic.desk, 'clients')).filter((d) => d.id !== 'client-1')).toEqual([before]);
      expect((await push(app, clinic.desk, 'payments', [{ newDocumentState: oldPayment }])).body).toEqual({ conflicts: [], refusals: [] });
      // A change naming no desk and no time is never taken.
      const timeless = await push(app, clinic.desk, 'payments', [{ newDocumentState: paymentDoc('pay-timeless', { recordedOn: '', at: '' }) }]);
      expect(timeless.body.refusals.map((r) => [r.id, r.code])).toEqual([['pay-timeless', 'invalid_document']]);
    });

    it('starts the desk records of a device enrolled before desks were recorded at its first push', async () => {
      const clinic = await createClinic(app);
      await store.query('UPDATE devices SET desk_since = NULL WHERE id = $1', [clinic.desk.deviceId]);
      const res = await push(app, clinic.desk, 'clients', [{ newDocumentState: clientDoc('cl-legacy', { deskId: '' }) }]);
      expect(res.body).toEqual({ conflicts: [], refusals: [] });
      const [device] = await store.query<{ desk_since: Date }>('SELECT desk_since FROM devices WHERE id = $1', [clinic.desk.deviceId]);
      expect(new Date(device!.desk_since).toISOString()).toBe(NOW.toISOString());
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
