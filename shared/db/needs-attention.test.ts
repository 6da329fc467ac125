import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import type { ClinicDatabase } from './database.js';
import type { PaymentDoc } from '../schemas/index.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { acceptAgain, noteRefusals, noteTaken, readNeedsAttention, setAside, signedAs, watchNeedsAttention } from './needs-attention.js';

const NOW = '2026-11-20T12:00:00.000Z';
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
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'first' }, { id: 'p2', code: 'rule_broken', message: 'bad' }], () => true, NOW);
    await noteRefusals(db, 'bookings', [{ id: 'b1', code: 'permission_denied', message: 'taken back' }], () => false, NOW);
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'wrong_desk', params: { desk: 'x' }, message: 'second' }], () => true, LATER);
    expect((await readNeedsAttention(db)).map((e) => [e.key, e.code, e.kept, e.refusedAt])).toEqual([
      ['payments/p2', 'rule_broken', true, NOW], ['bookings/b1', 'permission_denied', false, NOW], ['payments/p1', 'wrong_desk', true, LATER],
    ]);
    await noteTaken(db, 'payments', ['p1', 'unrelated']);
    // Only the payments' entry of that id: a booking of the same id would be another document.
    expect((await readNeedsAttention(db)).map((e) => e.key)).toEqual(['payments/p2', 'bookings/b1']);
    const seen = await firstValueFrom(watchNeedsAttention(db).pipe(filter((list) => list.length === 2)));
    expect(seen.map((e) => e.id)).toEqual(['p2', 'b1']);
  });

  it('takes concurrent notes without losing one', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => noteRefusals(db, 'payments', [{ id: `p${i}`, code: 'permission_denied', message: 'm' }], () => true, NOW)));
    expect(await readNeedsAttention(db)).toHaveLength(20);
  });

  it('accepts a refused payment again only for someone with billing, signed as them on this desk', async () => {
    await db.payments.insert(payment('p1', reception));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'Rita Resepsjon does not have the billing permission, so the server did not take this payment.' }], () => true, NOW);
    await expect(acceptAgain(db, 'payments/p1', ctx(reception))).rejects.toThrow('This is already recorded as yours, and the sync server refused it as yours.');
    // Another receptionist, whose role this desk knows, is refused by the server's own rule.
    await db.staff.insert({ ...(await db.staff.findOne(reception).exec())!.toMutableJSON(), id: 'st-rolf', name: 'Rolf Resepsjon' });
    await expect(acceptAgain(db, 'payments/p1', ctx('st-rolf'))).rejects.toThrow('Rolf Resepsjon does not have the billing permission, so you cannot accept it again.');
    expect((await db.payments.findOne('p1').exec())!.recordedBy).toBe(reception);

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
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'rule_broken', message: 'bad amount' }, { id: 'gone', code: 'permission_denied', message: 'x' }], () => true, NOW);
    await expect(acceptAgain(db, 'payments/p1', ctx(admin))).rejects.toThrow(/would not change the server's answer/);
    await expect(acceptAgain(db, 'payments/gone', ctx(admin))).rejects.toThrow(/no longer on this desk/);
    await expect(acceptAgain(db, 'payments/never', ctx(admin))).rejects.toThrow(/already been dealt with/);
    expect((await db.payments.findOne('p1').exec())!.recordedBy).toBe(admin);
  });

  it('sets aside only what cannot be accepted again; a fact stays on the desk and the log says who', async () => {
    await db.payments.insert(payment('p1', reception));
    await db.payments.insert(payment('p2', admin));
    await noteRefusals(db, 'payments', [{ id: 'p1', code: 'permission_denied', message: 'who' }, { id: 'p2', code: 'rule_broken', message: 'bad amount' }], () => true, NOW);
    await noteRefusals(db, 'bookings', [{ id: 'b1', code: 'permission_denied', message: 'taken back' }], () => false, NOW);
    await expect(setAside(db, 'payments/p1', ctx(admin))).rejects.toThrow(/stays on the list/);
    await expect(setAside(db, 'payments/p2', ctx(''))).rejects.toThrow(/Sign in/);
    await setAside(db, 'payments/p2', ctx(reception));
    await setAside(db, 'bookings/b1', ctx(reception));
    expect((await readNeedsAttention(db)).map((e) => e.key)).toEqual(['payments/p1']);
    expect(await db.payments.findOne('p2').exec()).not.toBeNull();
    const log = (await db.activity.find({ selector: { action: 'sync.refusalSetAside' } }).exec()).map((e) => e.toJSON());
    expect(log).toEqual([expect.objectContaining({ entity: 'payment', entityId: 'p2', by: reception, summary: expect.stringContaining('bad amount') })]);
  });

  it('signs a record again with the time of the new change, a fact with its own time', () => {
    const invoice = { id: 'i1', _deleted: false, status: 'completed', number: 12, updatedAt: NOW, updatedBy: reception, deskId: 'desk-old' };
    expect(signedAs('invoices', invoice, ctx(admin))).toEqual({ ...invoice, updatedAt: LATER, updatedBy: admin, deskId: TEST_DESK });
    const message = { id: 'm1', _deleted: false, at: NOW, by: reception, deskId: 'desk-old' };
    expect(signedAs('messages', message, ctx(admin))).toEqual({ ...message, by: admin, deskId: TEST_DESK });
  });
});
