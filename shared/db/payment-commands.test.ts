import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { cancelBooking, createBooking, rescheduleBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { completeInvoice, createCreditNote, createInvoiceForBooking, editInvoiceLines, voidInvoice } from './invoice-commands.js';
import { applyClientCredit, refundClientCredit, takePayment } from './payment-commands.js';
import { loadClientMoney } from './client-money.js';
import { ledgerEntries } from '../domain/ledger.js';
import type { Text } from '../i18n/text.js';
import { createTranslator } from '../i18n/translator.js';

/** A receptionist reading bokmål in Oslo; Intl's non-breaking spaces made plain. */
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const inBokmal = (t: Text) => plain(nb.t(t));

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let reception: string;
let clientId: string;
let serviceId: string;
let drafts: string[];
let bookings: string[];

const ctx = (actor = admin) => ({ actor, synced: false, desk: TEST_DESK, now: NOW });

beforeEach(async () => {
  ({ db, admin, reception, serviceId } = await openTestClinic('money'));
  clientId = (await createClient(db, { firstName: 'Anna', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-11-20', { actor: admin, desk: TEST_DESK, now: NOW })).id;
  drafts = [];
  bookings = [];
  for (const hour of [9, 10]) {
    const { booking, invoice } = await createBooking(db, { clientId, serviceId, practitionerId: admin, start: `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`, billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW });
    drafts.push(invoice!.id);
    bookings.push(booking.id);
  }
});

afterEach(async () => {
  await db.close();
});

async function counts() {
  return { payments: await db.payments.count().exec(), invoices: await db.invoices.count().exec() };
}

async function refusal(p: Promise<unknown>): Promise<{ name: string; message: string; text: Text; field?: string }> {
  return p.then(() => { throw new Error('expected a refusal'); }, (e: { name: string; message: string; text: Text; field?: string }) => e);
}

describe('a day of money at the desk', () => {
  it('edit → complete → part cash → rest by card terminal: paid, settled, and the ledger agrees to the øre', async () => {
    await editInvoiceLines(db, drafts[0]!, [
      { description: 'Consultation', quantity: 1, price: '750', discountPercent: '10', vatRateBp: 2500 },
      { description: 'Tape', quantity: '2', price: '45,50', discountPercent: '', vatRateBp: 2500 },
    ], ctx());
    const done = await completeInvoice(db, drafts[0]!, ctx());
    expect(done).toMatchObject({ number: 1, status: 'completed' });
    // 675.00 + 91.00 = 766.00
    const cash = await takePayment(db, drafts[0]!, { amount: '500', method: 'cash', tendered: '600' }, ctx());
    expect(cash.plan).toMatchObject({ amountMinor: 50_000, tenderedMinor: 60_000, changeMinor: 10_000, balanceAfterMinor: 26_600, toCreditMinor: 0 });
    await takePayment(db, drafts[0]!, { amount: '266', method: 'card_terminal' }, ctx());
    const money = await loadClientMoney(db, clientId);
    expect(money.account.accounts.get(drafts[0]!)).toMatchObject({ totalMinor: 76_600, paidMinor: 76_600, balanceMinor: 0, state: 'paid', bucket: 'settled' });
    expect(money.account).toMatchObject({ invoicedMinor: 76_600, paidMinor: 76_600, balanceMinor: 0, creditMinor: 0 });
    const log = await db.activity.find({ selector: { entityId: drafts[0]! }, sort: [{ entityId: 'asc' }, { at: 'asc' }] }).exec();
    const summaries = log.map((e) => e.summary);
    for (const expected of [/^Lines edited: 2 lines/, /^Completed as invoice 1$/, /^Cash payment of NOK\s500\.00; change given NOK\s100\.00; balance now NOK\s266\.00$/, /^Card terminal payment of NOK\s266\.00; balance now NOK\s0\.00$/]) {
      expect(summaries.some((s) => expected.test(s)), `${expected} in ${summaries.join(' | ')}`).toBe(true);
    }
  });

  it('taking payment on a draft completes it, but only after the payment has been checked', async () => {
    expect((await refusal(takePayment(db, drafts[1]!, { amount: '900', method: 'cash' }, ctx()))).message).toMatch(/more than the balance of NOK\s750\.00/);
    expect((await db.invoices.findOne(drafts[1]!).exec())!.status).toBe('draft');
    const { invoice } = await takePayment(db, drafts[1]!, { amount: '750', method: 'card_terminal' }, ctx());
    expect(invoice).toMatchObject({ status: 'completed', number: 1 });
  });

  it('keeps a payment above the balance as client credit when asked, then uses and refunds that credit', async () => {
    await completeInvoice(db, drafts[0]!, ctx());
    await completeInvoice(db, drafts[1]!, ctx());
    const over = await takePayment(db, drafts[0]!, { amount: '1000', method: 'bank_transfer', overpaymentToCredit: true }, ctx());
    expect(over.plan.toCreditMinor).toBe(25_000);
    expect((await loadClientMoney(db, clientId)).account.creditMinor).toBe(25_000);
    await applyClientCredit(db, drafts[1]!, '200', ctx());
    await refundClientCredit(db, clientId, '50', 'cash', ctx());
    const money = await loadClientMoney(db, clientId);
    expect(money.account).toMatchObject({ creditMinor: 0, outstandingMinor: 55_000, balanceMinor: 55_000 });
    expect(money.account.accounts.get(drafts[1]!)).toMatchObject({ state: 'part_paid', balanceMinor: 55_000 });
    expect((await refusal(refundClientCredit(db, clientId, '1', 'cash', ctx()))).message).toBe('This client has no credit to refund.');
    const entries = ledgerEntries(money.invoices, money.facts);
    expect(entries.at(-1)!.runningMinor).toBe(55_000);
  });

  it('credits part of a paid invoice: the credit becomes client credit; a full credit note settles an unpaid one', async () => {
    await completeInvoice(db, drafts[0]!, ctx());
    await takePayment(db, drafts[0]!, { amount: '750', method: 'cash' }, ctx());
    const line = (await db.invoices.findOne(drafts[0]!).exec())!.lines[0]!;
    const note = await createCreditNote(db, drafts[0]!, { mode: 'lines', amounts: { [line.id]: '250' } }, ctx());
    expect(note).toMatchObject({ kind: 'credit_note', status: 'completed', number: 2, creditsInvoiceId: drafts[0] });
    expect((await loadClientMoney(db, clientId)).account).toMatchObject({ creditMinor: 25_000, balanceMinor: -25_000, creditedMinor: 25_000 });
    await completeInvoice(db, drafts[1]!, ctx());
    await createCreditNote(db, drafts[1]!, { mode: 'full' }, ctx());
    expect((await loadClientMoney(db, clientId)).account.accounts.get(drafts[1]!)).toMatchObject({ state: 'credited', bucket: 'settled', balanceMinor: 0 });
  });

  it('voids an unpaid completed invoice; it keeps its number', async () => {
    await completeInvoice(db, drafts[0]!, ctx());
    const voided = await voidInvoice(db, drafts[0]!, ctx());
    expect(voided).toMatchObject({ status: 'void', number: 1 });
    expect((await loadClientMoney(db, clientId)).account).toMatchObject({ balanceMinor: 0, outstandingMinor: 0 });
  });
});

describe('refusals: a clear message and nothing written', () => {
  beforeEach(async () => {
    await completeInvoice(db, drafts[0]!, ctx());
  });

  it.each([
    ['0', 'The amount must be more than zero.'],
    ['-100', 'The amount cannot be negative.'],
    ['abc', '"abc" is not an amount.'],
    ['', 'The amount is empty.'],
  ])('refuses the amount %j', async (amount, message) => {
    const before = await counts();
    const err = await refusal(takePayment(db, drafts[0]!, { amount, method: 'cash' }, ctx()));
    expect(err.message).toContain(message);
    expect(err.field).toBe('amount');
    expect(await counts()).toEqual(before);
  });

  it('refuses a part payment above the balance without choosing credit', async () => {
    const before = await counts();
    const err = await refusal(takePayment(db, drafts[0]!, { amount: '800', method: 'card_terminal' }, ctx()));
    expect(plain(err.message)).toBe('NOK 800.00 is more than the balance of NOK 750.00. Enter at most NOK 750.00, or choose to keep the extra NOK 50.00 as client credit.');
    expect(inBokmal(err.text)).toBe('800,00 kr er mer enn saldoen på 750,00 kr. Skriv høyst 750,00 kr, eller velg å beholde de overskytende 50,00 kr som klientkreditt.');
    expect(await counts()).toEqual(before);
  });

  it('refuses a payment in another currency', async () => {
    const before = await counts();
    const err = await refusal(takePayment(db, drafts[0]!, { amount: '100', method: 'cash', currency: 'EUR' }, ctx()));
    expect(err.message).toBe('This invoice is in NOK. A payment in EUR cannot be recorded on it.');
    expect(await counts()).toEqual(before);
  });

  it('refuses cash handed over below the amount', async () => {
    const err = await refusal(takePayment(db, drafts[0]!, { amount: '500', method: 'cash', tendered: '400' }, ctx()));
    expect(err.message).toMatch(/handed over NOK\s400\.00, less than the NOK\s500\.00/);
    expect(inBokmal(err.text)).toBe('Klienten ga 400,00 kr, mindre enn de 500,00 kr som betales.');
    expect(await db.payments.count().exec()).toBe(0);
  });

  it('refuses to edit or delete-by-editing a completed invoice', async () => {
    const before = (await db.invoices.findOne(drafts[0]!).exec())!.toMutableJSON();
    const err = await refusal(editInvoiceLines(db, drafts[0]!, [{ description: 'Cheaper', quantity: 1, price: '1', discountPercent: '', vatRateBp: 2500 }], ctx()));
    expect(err.message).toBe('This invoice is completed and locked. Use a credit note to correct it.');
    const err2 = await refusal(editInvoiceLines(db, drafts[0]!, [], ctx()));
    expect(err2.message).toBe('This invoice is completed and locked. Use a credit note to correct it.');
    expect((await db.invoices.findOne(drafts[0]!).exec())!.toMutableJSON()).toEqual(before);
  });

  it('refuses to complete an invoice with no lines', async () => {
    await editInvoiceLines(db, drafts[1]!, [], ctx());
    const err = await refusal(completeInvoice(db, drafts[1]!, ctx()));
    expect(err.message).toBe('Add at least one line before completing the invoice.');
    expect((await db.invoices.findOne(drafts[1]!).exec())!.status).toBe('draft');
  });

  it('refuses a bad line and keeps the draft as it was', async () => {
    const before = (await db.invoices.findOne(drafts[1]!).exec())!.toMutableJSON();
    const err = await refusal(editInvoiceLines(db, drafts[1]!, [
      { description: 'Fine', quantity: 1, price: '100', discountPercent: '', vatRateBp: 2500 },
      { description: 'Bad', quantity: 0, price: '100', discountPercent: '', vatRateBp: 2500 },
    ], ctx()));
    expect(err).toMatchObject({ message: 'Line 2: the quantity must be a whole number of at least 1.', field: 'line-1-quantity' });
    const err2 = await refusal(editInvoiceLines(db, drafts[1]!, [{ description: 'Odd VAT', quantity: 1, price: '100', discountPercent: '', vatRateBp: 1700 }], ctx()));
    expect(err2.message).toBe("Line 1: choose one of the clinic's VAT rates (25%, 15%, 12%, 0%).");
    expect(inBokmal(err2.text)).toBe('Linje 1: velg en av klinikkens mva-satser (25 %, 15 %, 12 %, 0 %).');
    expect((await db.invoices.findOne(drafts[1]!).exec())!.toMutableJSON()).toEqual(before);
  });

  it('refuses a credit note above what was invoiced', async () => {
    const line = (await db.invoices.findOne(drafts[0]!).exec())!.lines[0]!;
    const before = await counts();
    const err = await refusal(createCreditNote(db, drafts[0]!, { mode: 'lines', amounts: { [line.id]: '751' } }, ctx()));
    expect(err.message).toMatch(/a credit of NOK\s751\.00 is more than the line's NOK\s750\.00/);
    await createCreditNote(db, drafts[0]!, { mode: 'lines', amounts: { [line.id]: '500' } }, ctx());
    const err2 = await refusal(createCreditNote(db, drafts[0]!, { mode: 'lines', amounts: { [line.id]: '300' } }, ctx()));
    expect(err2.message).toMatch(/cannot be more than what is left on the invoice: NOK\s250\.00/);
    expect(inBokmal(err2.text)).toBe('En kreditnota kan ikke være på mer enn det som gjenstår på fakturaen: 250,00 kr.');
    expect((await counts()).invoices).toBe(before.invoices + 1);
  });

  it('refuses to void an invoice with money on it', async () => {
    await takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx());
    const err = await refusal(voidInvoice(db, drafts[0]!, ctx()));
    expect(err.message).toMatch(/Money has been taken on this invoice/);
    expect((await db.invoices.findOne(drafts[0]!).exec())!.status).toBe('completed');
  });
});

describe('permissions are checked where the effect happens', () => {
  beforeEach(async () => {
    await completeInvoice(db, drafts[0]!, ctx());
  });

  it.each([
    ['take payments', () => takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx(reception))],
    ['edit invoices', () => editInvoiceLines(db, drafts[1]!, [], ctx(reception))],
    ['complete invoices', () => completeInvoice(db, drafts[1]!, ctx(reception))],
    ['void invoices', () => voidInvoice(db, drafts[0]!, ctx(reception))],
    ['issue credit notes', () => createCreditNote(db, drafts[0]!, { mode: 'full' }, ctx(reception))],
    ['refund money', () => refundClientCredit(db, clientId, '1', 'cash', ctx(reception))],
  ])('reception may not %s', async (action, run) => {
    const before = { ...(await counts()), invoice: (await db.invoices.findOne(drafts[1]!).exec())!.toMutableJSON() };
    const err = await refusal(run());
    expect(err.message).toBe(`Rita Resepsjon does not have the billing permission needed to ${action}. Ask someone with billing rights.`);
    expect({ ...(await counts()), invoice: (await db.invoices.findOne(drafts[1]!).exec())!.toMutableJSON() }).toEqual(before);
  });

  it('refuses someone not signed in or no longer active', async () => {
    expect((await refusal(takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx('')))).message).toBe('Sign in as a member of staff to take payments.');
    await (await db.staff.findOne(admin).exec())!.incrementalPatch({ active: false });
    expect((await refusal(takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx()))).message).toMatch(/Astrid Solberg is no longer active/);
  });

  it('says so in bokmål', async () => {
    const err = await refusal(takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx(reception)));
    expect(inBokmal(err.text)).toBe('Rita Resepsjon har ikke tillatelsen fakturering, som trengs for å ta imot betalinger. Spør noen som har tillatelsen fakturering.');
    expect(inBokmal((await refusal(takePayment(db, drafts[0]!, { amount: '100', method: 'cash' }, ctx('')))).text)).toBe('Logg inn som ansatt for å ta imot betalinger.');
  });

  it('lets reception cancel a booking and void its draft, and move a booking with its draft', async () => {
    const moved = await rescheduleBooking(db, bookings[1]!, { start: '2026-11-25T10:00:00.000Z', practitionerId: admin, confirmOverlap: false }, ctx(reception));
    expect(moved.start).toBe('2026-11-25T10:00:00.000Z');
    expect((await db.invoices.findOne(drafts[1]!).exec())!.serviceDate).toBe('2026-11-25');
    const { draftVoided } = await cancelBooking(db, bookings[1]!, { voidDraft: true }, ctx(reception));
    expect(draftVoided).toBe(true);
    expect((await db.invoices.findOne(drafts[1]!).exec())!.status).toBe('void');
    // A completed invoice is not voided by cancelling its booking.
    const second = await cancelBooking(db, bookings[0]!, { voidDraft: true }, ctx(reception));
    expect(second.draftVoided).toBe(false);
    expect((await db.invoices.findOne(drafts[0]!).exec())!.status).toBe('completed');
  });

  it('keeps a completed invoice’s service date when its booking moves', async () => {
    await rescheduleBooking(db, bookings[0]!, { start: '2026-11-27T10:00:00.000Z', practitionerId: admin, confirmOverlap: true }, ctx());
    expect((await db.invoices.findOne(drafts[0]!).exec())!.serviceDate).toBe('2026-11-23');
  });

  it('creates a draft for an externally billed booking', async () => {
    const { booking } = await createBooking(db, { clientId, serviceId, practitionerId: admin, start: '2026-11-24T09:00:00.000Z', billing: 'external', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW });
    expect(booking.invoiceId).toBe('');
    const invoice = await createInvoiceForBooking(db, booking.id, ctx(reception));
    expect(invoice).toMatchObject({ status: 'draft', bookingId: booking.id, serviceDate: '2026-11-24' });
    expect((await db.bookings.findOne(booking.id).exec())!).toMatchObject({ invoiceId: invoice.id, billing: 'manual' });
    expect((await refusal(createInvoiceForBooking(db, booking.id, ctx()))).message).toBe('This booking already has an invoice.');
  });
});
