import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PaymentDoc } from '../schemas/index.js';
import { PAYMENT_METHODS } from '../schemas/payments.js';
import { daySheet, TAKING_METHODS, type DaySheet, type DaySheetInvoice } from './day-sheet.js';
import { refundFacts } from './refund-facts.js';
import { clientAccount } from './ledger.js';
import { moneyFact } from './payment-rules.js';
import { localDateOf } from './time.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const TZ = 'Europe/Oslo';
// 2026-11-20 in Oslo (UTC+1): [2026-11-19T23:00Z, 2026-11-20T23:00Z).
const DAY = '2026-11-20';
const at = (local: string) => new Date(`${local}+01:00`).toISOString();

let seq = 0;
function fact(over: Partial<PaymentDoc> & Pick<PaymentDoc, 'kind' | 'amountMinor'>): PaymentDoc {
  seq += 1;
  return moneyFact({ id: `f${seq}`, invoiceId: '', clientId: 'c1', method: 'cash', currency: 'NOK', at: at('2026-11-20T10:00:00'), recordedBy: 'st', recordedOn: TEST_DESK, ...over });
}

function invoice(id: string, prices: number[], over: Partial<DaySheetInvoice> = {}): DaySheetInvoice {
  return {
    id, kind: 'invoice', status: 'completed', clientId: 'c1', creditsInvoiceId: '', currency: 'NOK',
    lines: prices.map((p, i) => ({ id: `${id}-l${i}`, serviceId: '', description: `Line ${i}`, quantity: 1, unitPriceMinor: p, discountBp: 0, vatRateBp: 2500 })),
    number: 1, completedAt: at('2026-11-20T09:00:00'), dueDate: '2026-12-04', createdAt: at('2026-11-18T09:00:00'), updatedAt: at('2026-11-20T09:00:00'),
    ...over,
  };
}

const sheet = (invoices: DaySheetInvoice[], facts: PaymentDoc[], date = DAY) => daySheet({ date, timeZone: TZ, currency: 'NOK', invoices, facts });

describe('links, reminders and fees of the day', () => {
  it('counts messages that went out by purpose with their cost, those not delivered apart, and fees as owed not taken', () => {
    const msg = (purpose: 'payment_link' | 'reminder' | 'final_notice' | 'notification', outcome: 'sent' | 'failed' | 'unknown', costMinor: number, local = '2026-11-20T10:00:00') =>
      ({ purpose, outcome, costMinor, currency: 'NOK' as const, at: at(local) });
    const messages = [
      msg('payment_link', 'sent', 2), msg('payment_link', 'sent', 5), msg('reminder', 'sent', 2), msg('final_notice', 'sent', 2),
      msg('reminder', 'failed', 0), msg('payment_link', 'unknown', 5),
      msg('payment_link', 'sent', 2, '2026-11-21T08:00:00'), // another day
    ];
    const inv = invoice('i1', [75_000], { completedAt: at('2026-11-01T09:00:00'), dueDate: '2026-11-15' });
    const facts = [fact({ kind: 'fee', method: 'other', invoiceId: 'i1', amountMinor: 7_000 })];
    const s = daySheet({ date: DAY, timeZone: TZ, currency: 'NOK', invoices: [inv], facts, messages });
    expect(s.messages).toEqual({ paymentLinks: 2, reminders: 2, notDelivered: 2, costMinor: 11 });
    expect(s.feesCharged).toEqual({ count: 1, totalMinor: 7_000 });
    expect(s.takingsMinor).toBe(0);
    expect(s.outstanding).toMatchObject({ count: 1, totalMinor: 82_000, overdueCount: 1 });
    expect(sheet([], []).messages).toEqual({ paymentLinks: 0, reminders: 0, notDelivered: 0, costMinor: 0 });
  });
});

describe('takings per payment method', () => {
  it('nets refunds off payments by method; client credit used is not takings; other days are left out', () => {
    const facts = [
      fact({ kind: 'payment', method: 'cash', amountMinor: 50_000, tenderedMinor: 60_000, at: at('2026-11-20T00:00:00') }),
      fact({ kind: 'payment', method: 'cash', amountMinor: 25_050 }),
      fact({ kind: 'refund', method: 'cash', amountMinor: 10_000, at: at('2026-11-20T23:59:59') }),
      fact({ kind: 'payment', method: 'card_terminal', amountMinor: 76_600 }),
      fact({ kind: 'payment', method: 'bank_transfer', amountMinor: 100_000 }),
      fact({ kind: 'refund', method: 'bank_transfer', amountMinor: 25_000 }),
      fact({ kind: 'payment', method: 'payment_link', amountMinor: 30_000 }),
      fact({ kind: 'credit_applied', method: 'client_credit', amountMinor: 20_000 }),
      fact({ kind: 'credit_applied', method: 'client_credit', amountMinor: 5_000 }),
      // The evening before and the next midnight, in Oslo.
      fact({ kind: 'payment', method: 'cash', amountMinor: 99_900, at: at('2026-11-19T23:59:59') }),
      fact({ kind: 'payment', method: 'card_terminal', amountMinor: 99_900, at: at('2026-11-21T00:00:00') }),
    ];
    const s = sheet([], facts);
    expect(s.from).toBe('2026-11-19T23:00:00.000Z');
    expect(s.to).toBe('2026-11-20T23:00:00.000Z');
    expect(s.takings.map((r) => [r.method, r.paymentCount, r.paymentsMinor, r.refundCount, r.refundsMinor, r.netMinor])).toEqual([
      ['cash', 2, 75_050, 1, 10_000, 65_050],
      ['card_terminal', 1, 76_600, 0, 0, 76_600],
      ['bank_transfer', 1, 100_000, 1, 25_000, 75_000],
      ['payment_link', 1, 30_000, 0, 0, 30_000],
      ['other', 0, 0, 0, 0, 0],
    ]);
    expect(s).toMatchObject({ paymentsMinor: 281_650, refundsMinor: 35_000, takingsMinor: 246_650, creditUsed: { count: 2, totalMinor: 25_000 } });
  });

  it('takes a failed refund coming back off the refunds of its day, not as a payment taken', () => {
    const seen = { refundRef: 're_1', paymentRef: 'pi_1', amountMinor: 20_000, currency: 'NOK' as const, state: 'reversed' as const, madeAt: at('2026-11-19T10:00:00'), seenAt: at('2026-11-20T11:00:00'), ofCredit: false };
    const [refund, back] = refundFacts(seen, { invoiceId: 'i1', clientId: 'c1', currency: 'NOK' }, TEST_DESK);
    const link = (d: DaySheet) => d.takings.find((r) => r.method === 'payment_link')!;
    expect(link(sheet([], [refund!, back!]))).toMatchObject({ paymentCount: 0, paymentsMinor: 0, refundCount: 0, refundsMinor: -20_000, netMinor: 20_000 });
    expect(link(sheet([], [refund!, back!], '2026-11-19'))).toMatchObject({ paymentCount: 0, refundCount: 1, refundsMinor: 20_000 });
  });

  it('uses the clinic day across DST: 23 hours in spring, 25 in autumn', () => {
    const spring = [
      fact({ kind: 'payment', amountMinor: 1_000, at: '2026-03-28T23:00:00.000Z' }), // 00:00 CET, 29th
      fact({ kind: 'payment', amountMinor: 2_000, at: '2026-03-29T21:59:59.000Z' }), // 23:59:59 CEST, 29th
      fact({ kind: 'payment', amountMinor: 4_000, at: '2026-03-29T22:00:00.000Z' }), // 00:00 CEST, 30th
    ];
    expect(sheet([], spring, '2026-03-29')).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z', takingsMinor: 3_000 });
    const autumn = [
      fact({ kind: 'payment', amountMinor: 1_000, at: '2026-10-24T22:00:00.000Z' }), // 00:00 CEST, 25th
      fact({ kind: 'payment', amountMinor: 2_000, at: '2026-10-25T22:59:59.000Z' }), // 23:59:59 CET, 25th
      fact({ kind: 'payment', amountMinor: 4_000, at: '2026-10-25T23:00:00.000Z' }), // 00:00 CET, 26th
    ];
    expect(sheet([], autumn, '2026-10-25')).toMatchObject({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z', takingsMinor: 3_000 });
  });

  it('an empty day has every method at zero', () => {
    const s = sheet([], []);
    expect(s.takings).toHaveLength(TAKING_METHODS.length);
    expect(s.takings.every((r) => r.netMinor === 0 && r.paymentCount === 0)).toBe(true);
    expect(s).toMatchObject({ takingsMinor: 0, outstanding: { count: 0, totalMinor: 0 }, invoicesCompleted: { count: 0, totalMinor: 0 } });
  });

  it('leaves documents in another currency out of every figure and counts them', () => {
    const s = sheet([invoice('eur', [5_000], { currency: 'EUR' })], [fact({ kind: 'payment', amountMinor: 5_000, currency: 'EUR' }), fact({ kind: 'payment', amountMinor: 1_000 })]);
    expect(s).toMatchObject({ takingsMinor: 1_000, otherCurrencyCount: 2, invoicesCompleted: { count: 0 }, outstanding: { totalMinor: 0 } });
  });
});

describe('documents of the day', () => {
  const invoices = [
    // Completed today: 750.00 + 16.00 (two lines).
    invoice('today', [75_000, 1_600], { number: 12 }),
    // Completed and voided today: issued, so counted both ways.
    invoice('void-today', [40_000], { number: 13, status: 'void', updatedAt: at('2026-11-20T15:00:00') }),
    // Completed yesterday, voided today.
    invoice('void-yesterdays', [30_000], { number: 11, status: 'void', completedAt: at('2026-11-19T12:00:00'), updatedAt: at('2026-11-20T08:00:00') }),
    // A draft voided today (a cancelled booking): never issued, not counted.
    invoice('draft-void', [20_000], { number: 0, status: 'void', completedAt: '', updatedAt: at('2026-11-20T08:00:00') }),
    invoice('draft', [20_000], { number: 0, status: 'draft', completedAt: '' }),
    // Completed yesterday; partly credited today; fully credited-note of yesterday's.
    invoice('yesterday', [50_000], { number: 10, completedAt: at('2026-11-19T12:00:00'), dueDate: '2026-12-03' }),
    { ...invoice('note-today', [12_500], { number: 14, kind: 'credit_note', creditsInvoiceId: 'yesterday' }) },
    { ...invoice('note-tomorrow', [10_000], { number: 15, kind: 'credit_note', creditsInvoiceId: 'yesterday', completedAt: at('2026-11-21T09:00:00') }) },
  ];

  it('counts and totals invoices completed, credit notes issued and invoices voided that day', () => {
    const s = sheet(invoices, []);
    expect(s.invoicesCompleted).toEqual({ count: 2, totalMinor: 116_600 });
    expect(s.creditNotes).toEqual({ count: 1, totalMinor: 12_500 });
    expect(s.voided).toEqual({ count: 2, totalMinor: 70_000 });
  });
});

describe('outstanding at the end of the day', () => {
  it('sums what each client still owes, with the overdue part, as the ledger derives it', () => {
    const invoices = [
      invoice('a-old', [100_000], { number: 1, completedAt: at('2026-10-01T10:00:00'), dueDate: '2026-10-15' }),
      invoice('a-new', [60_000], { number: 2, dueDate: '2026-12-04' }),
      invoice('a-due-today', [10_000], { number: 3, completedAt: at('2026-11-06T10:00:00'), dueDate: DAY }),
      invoice('b-paid', [30_000], { number: 4, clientId: 'c2', completedAt: at('2026-10-01T10:00:00'), dueDate: '2026-10-15' }),
      // Number pending from the server: no due date yet, so never overdue.
      invoice('b-pending', [8_000], { number: 0, clientId: 'c2', dueDate: '' }),
      invoice('draft', [99_000], { number: 0, status: 'draft', completedAt: '' }),
    ];
    const facts = [
      fact({ kind: 'payment', invoiceId: 'a-old', amountMinor: 40_000, at: at('2026-10-20T10:00:00') }),
      fact({ kind: 'payment', invoiceId: 'b-paid', amountMinor: 50_000, clientId: 'c2', at: at('2026-10-20T10:00:00') }), // 200.00 over: c2's credit
    ];
    const s = sheet(invoices, facts);
    // a-old 600.00 (overdue), a-new 600.00, a-due-today 100.00 (due today: not overdue), b-pending 80.00.
    // c2's credit does not offset anything: it belongs to c2 and was not used.
    expect(s.outstanding).toEqual({ count: 4, totalMinor: 138_000, overdueCount: 1, overdueMinor: 60_000, collectionCount: 0, collectionMinor: 0 });
    const byClient = ['c1', 'c2'].map((c) => clientAccount(invoices.filter((i) => i.clientId === c), facts.filter((f) => f.clientId === c)).outstandingMinor);
    expect(s.outstanding.totalMinor).toBe(byClient[0]! + byClient[1]!);
    // a-old was marked ready for debt collection on the 19th; a marker made after the day, or on a paid invoice, does not count.
    const marker = (invoiceId: string, sentAt: string) => ({ invoiceId, purpose: 'debt_collection' as const, status: 'sent' as const, sentAt });
    const steps = [marker('a-old', at('2026-11-19T09:00:00')), marker('a-new', at('2026-11-21T09:00:00')), marker('b-paid', at('2026-11-19T09:00:00'))];
    const withSteps = daySheet({ date: DAY, timeZone: TZ, currency: 'NOK', invoices, facts, steps });
    expect(withSteps.outstanding).toMatchObject({ collectionCount: 1, collectionMinor: 60_000 });
  });

  it('ignores what happened after the day: later payments, credit notes, voids and invoices', () => {
    const invoices = [
      invoice('paid-later', [50_000], { number: 1, completedAt: at('2026-11-01T10:00:00'), dueDate: '2026-11-15' }),
      invoice('voided-later', [20_000], { number: 2, status: 'void', completedAt: at('2026-11-02T10:00:00'), dueDate: '2026-11-16', updatedAt: at('2026-11-22T10:00:00') }),
      invoice('credited-later', [30_000], { number: 3, completedAt: at('2026-11-20T10:00:00'), dueDate: '2026-12-04' }),
      invoice('note', [30_000], { number: 5, kind: 'credit_note', creditsInvoiceId: 'credited-later', completedAt: at('2026-11-23T10:00:00') }),
      invoice('issued-later', [70_000], { number: 4, completedAt: at('2026-11-21T00:00:00'), dueDate: '2026-12-05' }),
    ];
    const facts = [fact({ kind: 'payment', invoiceId: 'paid-later', amountMinor: 50_000, at: at('2026-11-21T08:00:00') })];
    expect(sheet(invoices, facts).outstanding).toEqual({ count: 3, totalMinor: 100_000, overdueCount: 2, overdueMinor: 70_000, collectionCount: 0, collectionMinor: 0 });
    // The next day's sheet sees the payment and the invoice issued then.
    expect(sheet(invoices, facts, '2026-11-21').outstanding).toEqual({ count: 3, totalMinor: 120_000, overdueCount: 1, overdueMinor: 20_000, collectionCount: 0, collectionMinor: 0 });
    // Once everything has happened it is what the ledger says now.
    const now = sheet(invoices, facts, '2026-11-30').outstanding;
    expect(now.totalMinor).toBe(clientAccount(invoices, facts).outstandingMinor);
    expect(now).toEqual({ count: 1, totalMinor: 70_000, overdueCount: 0, overdueMinor: 0, collectionCount: 0, collectionMinor: 0 });
  });

  it('credit used and part payments lower the balance; a refund of credit does not raise it', () => {
    const invoices = [invoice('i1', [75_000]), invoice('i2', [75_000], { number: 2 })];
    const facts = [
      fact({ kind: 'payment', invoiceId: 'i1', method: 'bank_transfer', amountMinor: 100_000 }),
      fact({ kind: 'credit_applied', invoiceId: 'i2', method: 'client_credit', amountMinor: 20_000 }),
      fact({ kind: 'refund', method: 'cash', amountMinor: 5_000 }),
    ];
    const s = sheet(invoices, facts);
    expect(s.outstanding).toMatchObject({ count: 1, totalMinor: 55_000 });
    expect(clientAccount(invoices, facts)).toMatchObject({ outstandingMinor: 55_000, creditMinor: 0 });
    expect(s).toMatchObject({ takingsMinor: 95_000, creditUsed: { count: 1, totalMinor: 20_000 } });
  });
});

describe('property: takings are the day’s payments less its refunds', () => {
  // Instants over four days around Oslo's autumn DST change (2026-10-25, a 25-hour day).
  const START = Date.parse('2026-10-23T22:00:00.000Z');
  const instant = fc.integer({ min: 0, max: 4 * 24 * 3600 - 1 }).map((s) => new Date(START + s * 1000).toISOString());
  const arbFact = fc.record({
    kind: fc.constantFrom('payment' as const, 'refund' as const, 'credit_applied' as const, 'fee' as const),
    method: fc.constantFrom(...PAYMENT_METHODS),
    amountMinor: fc.integer({ min: 1, max: 10_000_000 }),
    at: instant,
    clientId: fc.constantFrom('c1', 'c2', 'c3'),
  });

  it('for any mix of methods and days, the total and the per-method rows agree with a plain sum', () => {
    fc.assert(fc.property(fc.array(arbFact, { maxLength: 60 }), fc.constantFrom('2026-10-24', '2026-10-25', '2026-10-26'), (raw, date) => {
      // Credit applied is always by client credit, fees 'other'; payments and refunds by a desk or link method.
      const facts = raw.map((f, i) => fact({ ...f, id: `p${i}`, method: f.kind === 'credit_applied' ? 'client_credit' : f.kind === 'fee' || f.method === 'client_credit' ? 'other' : f.method }));
      // The day by an independent reading: each instant's date on Oslo's wall clock.
      const ofDay = facts.filter((f) => localDateOf(f.at, TZ) === date);
      const sum = (kind: PaymentDoc['kind']) => ofDay.filter((f) => f.kind === kind).reduce((s, f) => s + f.amountMinor, 0);
      const s = sheet([], facts, date);
      expect(s.takingsMinor).toBe(sum('payment') - sum('refund'));
      expect(s.takings.reduce((t, r) => t + r.netMinor, 0)).toBe(s.takingsMinor);
      expect(s.creditUsed.totalMinor).toBe(sum('credit_applied'));
      for (const row of s.takings) {
        // Fees are charges, never takings.
        const mine = ofDay.filter((f) => f.method === row.method && f.kind !== 'fee');
        expect(row.netMinor).toBe(mine.reduce((t, f) => t + (f.kind === 'refund' ? -f.amountMinor : f.amountMinor), 0));
      }
    }), { numRuns: 300 });
  });
});
