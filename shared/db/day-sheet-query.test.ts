import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { completeInvoice, createCreditNote, voidInvoice } from './invoice-commands.js';
import { applyClientCredit, refundClientCredit, takePayment } from './payment-commands.js';
import { loadClientMoney } from './client-money.js';
import { runSetup } from './setup-commands.js';
import { factsUntilQuery, issuedInvoicesUntilQuery, loadDaySheet } from './day-sheet-query.js';
import { TEST_DESK, activateTestPayments } from '../test-support/test-clinic.js';

// The sheet's day in Oslo (UTC+1 in November): [2026-11-19T23:00Z, 2026-11-20T23:00Z).
const DAY = '2026-11-20';
let db: ClinicDatabase;
let admin: string;
let anna: string;
let bo: string;
let a1: string, a2: string, b1: string, b2: string;

const at = (now: string) => ({ actor: admin, synced: false, desk: TEST_DESK, now });

beforeEach(async () => {
  db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `day-sheet-${crypto.randomUUID()}` });
  const setup = await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
  }, '2026-01-01T08:00:00.000Z', TEST_DESK);
  admin = setup.practitioner.id;
  await activateTestPayments(db, admin);
  const booked = '2026-09-25T08:00:00.000Z';
  anna = (await createClient(db, { firstName: 'Anna', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-09-20', { actor: admin, desk: TEST_DESK, now: booked })).id;
  bo = (await createClient(db, { firstName: 'Bo', lastName: 'Lund', email: '', phone: '', dateOfBirth: '' }, '2026-09-20', { actor: admin, desk: TEST_DESK, now: booked })).id;
  const draft = async (clientId: string, start: string) =>
    (await createBooking(db, { clientId, serviceId: setup.service.id, practitionerId: admin, start, billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: booked })).invoice!.id;
  b1 = await draft(bo, '2026-10-01T08:00:00.000Z');
  a1 = await draft(anna, '2026-11-20T08:00:00.000Z');
  a2 = await draft(anna, '2026-11-20T09:00:00.000Z');
  b2 = await draft(bo, '2026-11-20T10:00:00.000Z');

  // Before the day: Bo's invoice 1 (due mid-October), part-paid twice.
  await completeInvoice(db, b1, at('2026-10-01T10:00:00.000Z'));
  await takePayment(db, b1, { amount: '300', method: 'card_terminal' }, at('2026-10-20T10:00:00.000Z'));
  await takePayment(db, b1, { amount: '50', method: 'cash' }, at('2026-11-19T22:59:59.000Z')); // 23:59:59 on the 19th in Oslo

  // The day.
  await completeInvoice(db, a1, at('2026-11-20T08:00:00.000Z')); // invoice 2
  await takePayment(db, a1, { amount: '500', method: 'cash', tendered: '600' }, at('2026-11-20T08:05:00.000Z'));
  await takePayment(db, a2, { amount: '1000', method: 'bank_transfer', overpaymentToCredit: true }, at('2026-11-20T09:00:00.000Z')); // completes invoice 3; 250 to credit
  await refundClientCredit(db, anna, '100', 'cash', at('2026-11-20T10:00:00.000Z'));
  await applyClientCredit(db, a1, '150', at('2026-11-20T11:00:00.000Z'));
  const line = (await db.invoices.findOne(b1).exec())!.lines[0]!;
  await createCreditNote(db, b1, { mode: 'lines', amounts: { [line.id]: '200' } }, at('2026-11-20T12:00:00.000Z')); // credit note 4
  await completeInvoice(db, b2, at('2026-11-20T13:00:00.000Z')); // invoice 5
  await voidInvoice(db, b2, at('2026-11-20T14:00:00.000Z'));
});

afterEach(async () => {
  await db.close();
});

describe('the day sheet from what the desk wrote', () => {
  it('shows takings by method, credit used, the day’s documents and what is outstanding', async () => {
    const sheet = await loadDaySheet(db, DAY);
    expect(sheet.takings.map((r) => [r.method, r.paymentsMinor, r.refundsMinor, r.netMinor])).toEqual([
      ['cash', 50_000, 10_000, 40_000],
      ['card_terminal', 0, 0, 0],
      ['bank_transfer', 100_000, 0, 100_000],
      ['payment_link', 0, 0, 0],
      ['other', 0, 0, 0],
    ]);
    expect(sheet).toMatchObject({
      currency: 'NOK', paymentsMinor: 150_000, refundsMinor: 10_000, takingsMinor: 140_000,
      creditUsed: { count: 1, totalMinor: 15_000 },
      invoicesCompleted: { count: 3, totalMinor: 225_000 },
      creditNotes: { count: 1, totalMinor: 20_000 },
      voided: { count: 1, totalMinor: 75_000 },
      // Anna's invoice 2: 750 − 500 − 150 = 100; Bo's invoice 1: 750 − 200 credited − 350 paid = 200, overdue.
      outstanding: { count: 2, totalMinor: 30_000, overdueCount: 1, overdueMinor: 20_000, collectionCount: 0, collectionMinor: 0 },
      otherCurrencyCount: 0,
    });
  });

  it('agrees with the clients’ ledgers to the øre', async () => {
    const sheet = await loadDaySheet(db, DAY);
    const owed = (await loadClientMoney(db, anna)).account.outstandingMinor + (await loadClientMoney(db, bo)).account.outstandingMinor;
    expect(sheet.outstanding.totalMinor).toBe(owed);
  });

  it('stays the same when reprinted after later payments; the next day shows them', async () => {
    await takePayment(db, a1, { amount: '100', method: 'card_terminal' }, at('2026-11-20T23:00:00.000Z')); // 00:00 on the 21st
    const again = await loadDaySheet(db, DAY);
    expect(again).toMatchObject({ takingsMinor: 140_000, outstanding: { count: 2, totalMinor: 30_000 } });
    const next = await loadDaySheet(db, '2026-11-21');
    expect(next.takings.find((r) => r.method === 'card_terminal')).toMatchObject({ paymentCount: 1, netMinor: 10_000 });
    expect(next).toMatchObject({ takingsMinor: 10_000, invoicesCompleted: { count: 0 }, outstanding: { count: 1, totalMinor: 20_000, overdueCount: 1 } });
  });

  it('the day before saw only Bo’s invoice and his late cash payment', async () => {
    const before = await loadDaySheet(db, '2026-11-19');
    expect(before).toMatchObject({ takingsMinor: 5_000, creditUsed: { count: 0 }, invoicesCompleted: { count: 0 } });
    expect(before.outstanding).toEqual({ count: 1, totalMinor: 40_000, overdueCount: 1, overdueMinor: 40_000, collectionCount: 0, collectionMinor: 0 });
  });

  it('reads through indexes, not a scan of the collections', () => {
    const end = '2026-11-20T23:00:00.000Z';
    // RxDB prefixes every index with _deleted.
    expect(factsUntilQuery(db, end).getPreparedQuery().queryPlan.index).toEqual(['_deleted', 'at', 'id']);
    expect(issuedInvoicesUntilQuery(db, end).getPreparedQuery().queryPlan.index).toEqual(['_deleted', 'status', 'createdAt', 'id']);
  });
});
