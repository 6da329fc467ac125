import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import type { ClinicDatabase } from './database.js';
import type { PaymentDoc } from '../schemas/index.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { acceptAgain, MAX_NOTICES, noteRefusals, reasonOf, noteTaken, readNeedsAttention, setAside, signedAs, watchNeedsAttention } from './needs-attention.js';

const NOW = '2026-11-20T12:00:00.000Z';
const KEPT = () => ({ kept: true, sent: undefined });
const TAKEN_BACK = () => ({ kept: false, sent: undefined });
const LATER = '2026-11-20T13:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let reception: string;
const ctx = (actor: string, desk = TEST_DESK) => ({ actor, synced: true, desk, now: LATER });

const payment = (id: string, recordedBy: string): PaymentDoc => ({
  id, kind: 'payment', invoiceId: 'inv-1', clientId: 'cl-1', method: 'cash', amountMinor: 75_000, currency: 'NOK',
  at: NOW, recordedBy, recordedOn: 'desk-old', tenderedMinor: 0, externalRef: '',
});

beforeEach(async () => {
  ({ db, admin, reception } = await openTestClinic('needs-attention'));
});
afterEach(async () => {
  await db.close();
});

describe('the Needs-attention list', () => {
  it('keeps the latest refusal per document until the server takes it', async () => {
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'first' }, { id: 'p2', code: 'rule_broken', message: 'bad' }], KEPT, NOW);
    await noteRefusals(db, 'bookings', [{ id: 'b1', code: 'permission_denied', message: 'taken back' }], TAKEN_BACK, NOW);
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'wrong_desk', params: { desk: 'x' }, message: 'second' }], KEPT, LATER);
    expect((await readNeedsAttention(db)).map((e) => [e.key, e.code, e.kept, e.refusedAt])).toEqual([
      ['payments/p2', 'rule_broken', true, NOW], ['bookings/b1', 'permission_denied', false, NOW], ['payments/p1', 'wrong_desk', true, LATER],
    ]);
    await noteTaken(db, 'payments', ['p1', 'unrelated']);
    // Only the payments' entry of that id: a booking of the same id would be another document.
    expect((await readNeedsAttention(db)).map((e) => e.key)).toEqual(['payments/p2', 'bookings/b1']);
    const seen = await firstValueFrom(watchNeedsAttention(db).pipe(filter((list) => list.length === 2)));
    expect(seen.map((e) => e.id)).toEqual(['p2', 'b1']);
  });

  it("keeps the server's reason as a Text this desk can read, and only such a Text", async () => {
    const good = { id: 'error.withDetail', values: { detail: 'x' } } as const;
    await noteRefusals(db, 'payments', [
      { id: 'p1', code: 'permission_denied', message: 'English', text: good },
      { id: 'p2', code: 'permission_denied', message: 'Hostile', text: { id: 'no.such.id' } as never },
    ], KEPT, NOW);
    const [p1, p2] = await readNeedsAttention(db);
    expect(reasonOf(p1!)).toEqual(good);
    expect(p2!.text).toBeUndefined();
    expect(reasonOf(p2!)).toBe('Hostile');
  });

  it('takes concurrent notes without losing one', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => noteRefusals(db, 'payments', [{ id: `p${i}`, code: 'permission_denied', message: 'm' }], KEPT, NOW)));
    expect(await readNeedsAttention(db)).toHaveLength(20);
  });

  it('accepts a refused payment again only for someone with billing, signed as them on this desk', async () => {
    await db.payments.insert(payment('p1', reception));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'Rita Resepsjon does not have the billing permission, so the server did not take this payment.' }], KEPT, NOW);
    await expect(acceptAgain(db, 'payments/p1', ctx(reception))).rejects.toThrow('This is already recorded as yours, and the sync server refused it as yours.');
    // Another receptionist, whose role this desk knows, is refused by the server's own rule.
    await db.staff.insert({ ...(await db.staff.findOne(reception).exec())!.toMutableJSON(), id: 'st-rolf', name: 'Rolf Resepsjon' });
    await expect(acceptAgain(db, 'payments/p1', ctx('st-rolf'))).rejects.toThrow('Rolf Resepsjon does not have the billing permission needed to accept this payment again. Ask someone with billing rights.');
    expect((await db.payments.findOne('p1').exec())!.recordedBy).toBe(reception);

    await acceptAgain(db, 'payments/p1', ctx(admin));
    // A second press changes and logs nothing more.
    await acceptAgain(db, 'payments/p1', ctx(admin));
    // Who and where change; when the money was taken does not.
    expect((await db.payments.findOne('p1').exec())!.toJSON()).toMatchObject({ recordedBy: admin, recordedOn: TEST_DESK, at: NOW, amountMinor: 75_000 });
    expect(await readNeedsAttention(db)).toEqual([expect.objectContaining({ key: 'payments/p1', acceptedBy: admin })]);
    const log = (await db.activity.find({ selector: { action: 'sync.acceptedAgain' } }).exec()).map((e) => e.toJSON());
    expect(log).toEqual([expect.objectContaining({ entity: 'payment', entityId: 'p1', by: admin, deskId: TEST_DESK, at: LATER, summary: expect.stringContaining("first recorded as Rita Resepsjon's") })]);
    // The server's answer resolves it.
    await noteTaken(db, 'payments', ['p1']);
    expect(await readNeedsAttention(db)).toEqual([]);
  });

  it('does not accept again what a new signature cannot fix, nor what is gone', async () => {
    await db.payments.insert(payment('p1', admin));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'rule_broken', message: 'bad amount' }, { id: 'gone', code: 'permission_denied', message: 'x' }], KEPT, NOW);
    await expect(acceptAgain(db, 'payments/p1', ctx(admin))).rejects.toThrow(/would not change the server's answer/);
    await expect(acceptAgain(db, 'payments/gone', ctx(admin))).rejects.toThrow(/no longer on this desk/);
    await expect(acceptAgain(db, 'payments/never', ctx(admin))).rejects.toThrow(/already been dealt with/);
    expect((await db.payments.findOne('p1').exec())!.recordedBy).toBe(admin);
  });

  it('sets aside only what cannot be accepted again; a fact stays on the desk and the log says who', async () => {
    await db.payments.insert(payment('p1', reception));
    await db.payments.insert(payment('p2', admin));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'who' }, { id: 'p2', code: 'rule_broken', message: 'bad amount' }], KEPT, NOW);
    await noteRefusals(db, 'bookings', [{ id: 'b1', code: 'permission_denied', message: 'taken back' }], TAKEN_BACK, NOW);
    await expect(setAside(db, 'payments/p1', ctx(admin))).rejects.toThrow(/stays on the list/);
    await expect(setAside(db, 'payments/p2', ctx(''))).rejects.toThrow(/Sign in/);
    // A refused payment is set aside by someone who may take payments; a taken-back booking change by anyone signed in.
    await expect(setAside(db, 'payments/p2', ctx(reception))).rejects.toThrow('Rita Resepsjon does not have the billing permission needed to set aside a refused payment.');
    await setAside(db, 'payments/p2', ctx(admin));
    await setAside(db, 'bookings/b1', ctx(reception));
    expect((await readNeedsAttention(db)).map((e) => e.key)).toEqual(['payments/p1']);
    expect(await db.payments.findOne('p2').exec()).not.toBeNull();
    const log = (await db.activity.find({ selector: { action: 'sync.refusalSetAside' } }).exec()).map((e) => e.toJSON());
    expect(log).toEqual([expect.objectContaining({ entity: 'payment', entityId: 'p2', by: admin, summary: expect.stringContaining('bad amount') })]);
  });

  it('sends again the state that was refused, even when a pull has since replaced this desk\'s copy', async () => {
    // This desk's copy differs from what was sent (as when a pull replaced a record with the server's state).
    await db.payments.insert(payment('p9', reception));
    const sentPayment = { ...payment('p9', reception), amountMinor: 12_300, _deleted: false };
    await noteRefusals(db, 'payments', [{ id: 'p9', code: 'wrong_desk', message: 'other desk' }], () => ({ kept: true, sent: sentPayment }), NOW);
    await acceptAgain(db, 'payments/p9', ctx(admin));
    expect((await db.payments.findOne('p9').exec())!.toJSON()).toMatchObject({ amountMinor: 12_300, recordedBy: admin, recordedOn: TEST_DESK });
  });

  it('never drops a kept fact to make room, only notices of changes taken back', async () => {
    await noteRefusals(db, 'payments', [{ id: 'p-old', code: 'permission_denied', message: 'm' }], KEPT, NOW);
    await noteRefusals(db, 'bookings', Array.from({ length: MAX_NOTICES + 3 }, (_, i) => ({ id: `b${i}`, code: 'permission_denied' as const, message: 'm' })), TAKEN_BACK, LATER);
    const list = await readNeedsAttention(db);
    expect(list.filter((e) => e.kept).map((e) => e.key)).toEqual(['payments/p-old']);
    expect(list.filter((e) => !e.kept)).toHaveLength(MAX_NOTICES);
    expect(list.some((e) => e.key === 'bookings/b0')).toBe(false);
  });

  it('leaves no entry marked accepted when the refusal comes back during the accepting', async () => {
    await db.payments.insert(payment('p1', reception));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'first' }], KEPT, NOW);
    // The desk pushes the re-signed fact and the server refuses it again before the accepting ends.
    await Promise.all([
      acceptAgain(db, 'payments/p1', ctx(admin)),
      noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'again' }], KEPT, LATER),
    ]);
    // The second refusal is the entry, and nobody is marked as having accepted it: its buttons show again.
    expect(await readNeedsAttention(db)).toEqual([expect.objectContaining({ key: 'payments/p1', message: 'again' })]);
    expect((await readNeedsAttention(db))[0]!.acceptedBy).toBeUndefined();
  });

  it('signs a record again with the time of the new change, a fact with its own time', () => {
    const invoice = { id: 'i1', _deleted: false, status: 'completed', number: 12, updatedAt: NOW, updatedBy: reception, deskId: 'desk-old' };
    expect(signedAs('invoices', invoice, ctx(admin))).toEqual({ ...invoice, updatedAt: LATER, updatedBy: admin, deskId: TEST_DESK });
    const message = { id: 'm1', _deleted: false, at: NOW, by: reception, deskId: 'desk-old' };
    expect(signedAs('messages', message, ctx(admin))).toEqual({ ...message, by: admin, deskId: TEST_DESK });
  });
});
