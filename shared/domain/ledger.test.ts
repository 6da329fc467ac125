import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { accountOf, clientAccount, ledgerEntries, payableAccount } from './ledger.js';
import { moneyFact, planCreditApplication, planPayment, planRefund, DESK_METHODS } from './payment-rules.js';
import { draftCreditNote, voidInvoice } from './invoice-corrections.js';
import { completeDraft } from './invoice-completion.js';
import { editDraftLines } from './invoice-drafts.js';
import { invoiceTotals } from './invoice-math.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const LOCALE = 'en-GB';
const SETTINGS = { currency: 'NOK' as const, vatRatesBp: [2500, 1200, 0], locale: LOCALE, timeZone: 'Europe/Oslo', paymentTermsDays: 14 };

function draft(id: string, prices: number[], at: string): InvoiceDoc {
  return {
    id, kind: 'invoice', status: 'draft', clientId: 'c1', bookingId: '', creditsInvoiceId: '', currency: 'NOK',
    lines: prices.map((p, i) => ({ id: `${id}-l${i}`, serviceId: '', description: `Line ${i}`, quantity: 1, unitPriceMinor: p, discountBp: 0, vatRateBp: 2500 })),
    number: 0, invoiceDate: '', dueDate: '', completedAt: '', serviceDate: '', createdAt: at, updatedAt: at, updatedBy: 'st', deskId: TEST_DESK,
  };
}

const fact = (over: Partial<PaymentDoc> & Pick<PaymentDoc, 'id' | 'kind' | 'amountMinor'>): PaymentDoc =>
  moneyFact({ invoiceId: '', clientId: 'c1', method: 'cash', currency: 'NOK', at: '2026-03-01T10:00:00.000Z', recordedBy: 'st', recordedOn: TEST_DESK, ...over });

describe('invoice accounts', () => {
  const inv = { ...draft('i1', [50_000, 25_000], '2026-03-01T09:00:00.000Z'), status: 'completed' as const, completedAt: '2026-03-01T09:00:00.000Z', number: 1 };

  it('derives balance and state from payments', () => {
    expect(accountOf(inv, [inv], [])).toMatchObject({ dueMinor: 75_000, balanceMinor: 75_000, state: 'unpaid', bucket: 'active' });
    const part = [fact({ id: 'p1', kind: 'payment', invoiceId: 'i1', amountMinor: 30_000 })];
    expect(accountOf(inv, [inv], part)).toMatchObject({ paidMinor: 30_000, balanceMinor: 45_000, state: 'part_paid', bucket: 'active' });
    const full = [...part, fact({ id: 'p2', kind: 'payment', invoiceId: 'i1', amountMinor: 45_000, method: 'card_terminal' })];
    expect(accountOf(inv, [inv], full)).toMatchObject({ paidMinor: 75_000, balanceMinor: 0, overpaidMinor: 0, state: 'paid', bucket: 'settled' });
  });

  it('turns a payment above the balance into client credit', () => {
    const facts = [fact({ id: 'p1', kind: 'payment', invoiceId: 'i1', amountMinor: 80_000 })];
    expect(accountOf(inv, [inv], facts)).toMatchObject({ paidMinor: 75_000, balanceMinor: 0, overpaidMinor: 5_000 });
    expect(clientAccount([inv], facts)).toMatchObject({ creditMinor: 5_000, outstandingMinor: 0, balanceMinor: -5_000 });
  });

  it('settles a fully credited invoice and keeps money paid on it as credit', () => {
    const note = { ...draft('n1', [75_000], '2026-03-02T09:00:00.000Z'), kind: 'credit_note' as const, creditsInvoiceId: 'i1', status: 'completed' as const, completedAt: '2026-03-02T09:00:00.000Z', number: 2 };
    expect(accountOf(inv, [inv, note], [])).toMatchObject({ dueMinor: 0, state: 'credited', bucket: 'settled' });
    const paid = [fact({ id: 'p1', kind: 'payment', invoiceId: 'i1', amountMinor: 75_000 })];
    expect(clientAccount([inv, note], paid)).toMatchObject({ creditMinor: 75_000, balanceMinor: -75_000, creditedMinor: 75_000 });
  });

  it('counts a draft as charging its total where money is asked for, and leaves completed ones as they are', () => {
    const d = draft('d2', [10_000, 5_000], '2026-03-01T08:00:00.000Z');
    const facts = [fact({ id: 'p9', kind: 'payment', invoiceId: 'd2', amountMinor: 4_000 })];
    expect(payableAccount(d, accountOf(d, [d], facts))).toMatchObject({ dueMinor: 15_000, paidMinor: 4_000, balanceMinor: 11_000 });
    expect(payableAccount(d, undefined)).toMatchObject({ balanceMinor: 15_000 });
    const acc = accountOf(inv, [inv], []);
    expect(payableAccount(inv, acc)).toBe(acc);
  });

  it('drafts charge nothing and a void invoice shows its charge and the void in the ledger', () => {
    const d = draft('d1', [10_000], '2026-03-01T08:00:00.000Z');
    expect(accountOf(d, [d], [])).toMatchObject({ chargedMinor: 0, state: 'draft', bucket: 'active' });
    const voided = { ...inv, status: 'void' as const, updatedAt: '2026-03-03T09:00:00.000Z' };
    const entries = ledgerEntries([d, voided], []);
    expect(entries.map((e) => [e.kind, e.amountMinor, e.runningMinor])).toEqual([['invoice', 75_000, 75_000], ['void', -75_000, 0]]);
    expect(clientAccount([d, voided], [])).toMatchObject({ balanceMinor: 0, outstandingMinor: 0 });
  });
});

describe('reminder fees', () => {
  const inv = { ...draft('i1', [75_000], '2026-03-01T08:00:00.000Z'), status: 'completed' as const, number: 1, completedAt: '2026-03-01T09:00:00.000Z' };
  const fee = fact({ id: 'fee1', kind: 'fee', method: 'other', invoiceId: 'i1', amountMinor: 7_000, at: '2026-03-20T09:00:00.000Z' });

  it('charges the invoice\'s account, not its lines, and a payment settles both', () => {
    expect(accountOf(inv, [inv], [fee])).toMatchObject({ totalMinor: 75_000, feesMinor: 7_000, dueMinor: 82_000, balanceMinor: 82_000, state: 'unpaid' });
    const paid = [fee, fact({ id: 'p1', kind: 'payment', invoiceId: 'i1', amountMinor: 82_000, at: '2026-03-21T09:00:00.000Z' })];
    expect(accountOf(inv, [inv], paid)).toMatchObject({ balanceMinor: 0, overpaidMinor: 0, state: 'paid', bucket: 'settled' });
    const acc = clientAccount([inv], paid);
    expect(acc).toMatchObject({ invoicedMinor: 82_000, paidMinor: 82_000, balanceMinor: 0, creditMinor: 0 });
    expect(ledgerEntries([inv], paid).map((e) => [e.kind, e.amountMinor, e.runningMinor])).toEqual([['invoice', 75_000, 75_000], ['fee', 7_000, 82_000], ['payment', -82_000, 0]]);
  });

  it('is waived with its invoice: voided or credited in full', () => {
    const voided = { ...inv, status: 'void' as const, updatedAt: '2026-03-25T09:00:00.000Z' };
    expect(accountOf(voided, [voided], [fee])).toMatchObject({ feesMinor: 0, balanceMinor: 0, state: 'void' });
    expect(ledgerEntries([voided], [fee]).map((e) => [e.kind, e.amountMinor, e.runningMinor])).toEqual([['invoice', 75_000, 75_000], ['fee', 7_000, 82_000], ['fee_waived', -7_000, 75_000], ['void', -75_000, 0]]);
    const note: InvoiceDoc = { ...inv, id: 'n1', kind: 'credit_note', creditsInvoiceId: 'i1', number: 2, completedAt: '2026-03-26T09:00:00.000Z', };
    expect(accountOf(inv, [inv, note], [fee])).toMatchObject({ feesMinor: 0, balanceMinor: 0, state: 'credited' });
    const entries = ledgerEntries([inv, note], [fee]);
    expect(entries.at(-1)).toMatchObject({ kind: 'fee_waived', amountMinor: -7_000, runningMinor: 0, at: '2026-03-26T09:00:00.000Z' });
    expect(clientAccount([inv, note], [fee]).balanceMinor).toBe(0);
  });

  it('on an invoice this desk does not hold yet, counts nowhere', () => {
    expect(clientAccount([], [fee])).toMatchObject({ balanceMinor: 0, creditMinor: 0, invoicedMinor: 0 });
    expect(ledgerEntries([], [fee])).toEqual([]);
  });
});

// ---- Any sequence of desk operations keeps the ledger's books straight.

type Op =
  | { t: 'complete'; inv: number }
  | { t: 'edit'; inv: number; price: number }
  | { t: 'pay'; inv: number; amount: number; method: number; credit: boolean }
  | { t: 'credit'; inv: number; full: boolean; amount: number }
  | { t: 'void'; inv: number }
  | { t: 'apply'; inv: number; amount: number }
  | { t: 'refund'; amount: number }
  | { t: 'fee'; inv: number; amount: number };

const invIdx = fc.integer({ min: 0, max: 3 });
// Mostly amounts that fit the invoices (so payments and credits succeed), some that do not.
const amount = fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: -100, max: 120_000 }), fc.constant(0));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('complete' as const), inv: invIdx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('edit' as const), inv: invIdx, price: fc.integer({ min: 0, max: 90_000 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('pay' as const), inv: invIdx, amount, method: fc.integer({ min: 0, max: 3 }), credit: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('credit' as const), inv: invIdx, full: fc.boolean(), amount }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('void' as const), inv: invIdx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('apply' as const), inv: invIdx, amount }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('refund' as const), amount }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fee' as const), inv: invIdx, amount: fc.integer({ min: 1, max: 10_000 }) }) },
);

describe('ledger properties over any sequence of operations', () => {
  it('balance = invoiced − credited − paid + refunded = outstanding − credit; nothing overpaid silently; issued invoices never change', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1_000, max: 80_000 }), { minLength: 4, maxLength: 4 }), fc.array(opArb, { minLength: 10, maxLength: 60, size: 'max' }), (prices, ops) => {
      let clock = Date.parse('2026-03-01T08:00:00.000Z');
      const tick = () => new Date((clock += 60_000)).toISOString();
      let invoices: InvoiceDoc[] = prices.map((p, i) => draft(`i${i}`, [p], tick()));
      const facts: PaymentDoc[] = [];
      const issued = new Map<string, string>();
      let number = 0;
      let n = 0;
      const put = (doc: InvoiceDoc) => { invoices = invoices.some((i) => i.id === doc.id) ? invoices.map((i) => (i.id === doc.id ? doc : i)) : [...invoices, doc]; };

      for (const op of ops) {
        const now = tick();
        const target = 'inv' in op ? invoices.find((i) => i.id === `i${op.inv}`)! : null;
        const acc = clientAccount(invoices, facts);
        const account = target ? acc.accounts.get(target.id)! : null;
        if (op.t === 'complete') {
          const r = completeDraft(target!, SETTINGS, { kind: 'local', nextNumber: number + 1 }, { actor: 'st', desk: TEST_DESK, now });
          if (r.ok) { number++; put(r.value); }
        } else if (op.t === 'edit') {
          const r = editDraftLines(target!, [{ description: 'Edited', quantity: 1, price: op.price, discountPercent: '', vatRateBp: 2500 }], SETTINGS, { actor: 'st', desk: TEST_DESK, now });
          if (r.ok) put(r.value);
          else expect(target!.status).not.toBe('draft');
        } else if (op.t === 'pay') {
          const r = planPayment(target!, account!, { amount: op.amount, method: DESK_METHODS[op.method]!, overpaymentToCredit: op.credit });
          if (r.ok) facts.push(fact({ id: `f${n++}`, kind: 'payment', invoiceId: target!.id, amountMinor: r.value.amountMinor, at: now }));
          if (r.ok && !op.credit) expect(r.value.amountMinor).toBeLessThanOrEqual(account!.balanceMinor);
        } else if (op.t === 'credit') {
          const req = op.full ? { mode: 'full' as const } : { mode: 'lines' as const, amounts: { [target!.lines[0]!.id]: op.amount } };
          const r = draftCreditNote(target!, account!, req, LOCALE, { actor: 'st', desk: TEST_DESK, now });
          if (r.ok) {
            const done = completeDraft(r.value, SETTINGS, { kind: 'local', nextNumber: number + 1 }, { actor: 'st', desk: TEST_DESK, now });
            expect(done.ok).toBe(true);
            if (done.ok) { number++; put(done.value); }
          }
        } else if (op.t === 'void') {
          const r = voidInvoice(target!, account!, { actor: 'st', desk: TEST_DESK, now });
          if (r.ok) put(r.value);
        } else if (op.t === 'apply') {
          const r = planCreditApplication(target!, account!, acc.creditMinor, op.amount);
          if (r.ok) facts.push(fact({ id: `f${n++}`, kind: 'credit_applied', method: 'client_credit', invoiceId: target!.id, amountMinor: r.value, at: now }));
        } else if (op.t === 'fee') {
          // The chasing charges a fee only on an invoice that still owes (dunning.ts).
          if (account!.balanceMinor > 0 && target!.status === 'completed') facts.push(fact({ id: `f${n++}`, kind: 'fee', method: 'other', invoiceId: target!.id, amountMinor: op.amount, at: now }));
        } else {
          const r = planRefund(acc.creditMinor, op.amount, 'cash', { currency: 'NOK' });
          if (r.ok) facts.push(fact({ id: `f${n++}`, kind: 'refund', amountMinor: r.value, at: now }));
        }

        const after = clientAccount(invoices, facts);
        expect(after.balanceMinor).toBe(after.invoicedMinor - after.creditedMinor - after.paidMinor + after.refundedMinor);
        expect(after.balanceMinor).toBe(after.outstandingMinor - after.creditMinor);
        expect(after.creditMinor).toBeGreaterThanOrEqual(0);
        const entries = ledgerEntries(invoices, facts);
        expect(entries.at(-1)?.runningMinor ?? 0).toBe(after.balanceMinor);
        for (const inv of invoices) {
          const a = after.accounts.get(inv.id)!;
          expect(a.paidMinor).toBeLessThanOrEqual(a.dueMinor);
          expect(a.balanceMinor).toBeGreaterThanOrEqual(0);
          // A credit note never takes back more than was invoiced.
          if (inv.kind === 'invoice' && inv.status !== 'void') expect(a.creditedMinor).toBeLessThanOrEqual(a.chargedMinor);
          // Issued content never changes: only a plain void may follow completion.
          const content = JSON.stringify({ ...inv, status: undefined, updatedAt: undefined, updatedBy: undefined });
          if (inv.status !== 'draft' && !issued.has(inv.id)) issued.set(inv.id, content);
          if (issued.has(inv.id)) expect(content).toBe(issued.get(inv.id));
        }
        // Invoice numbers stay gap-free.
        const numbers = invoices.filter((i) => i.number > 0).map((i) => i.number).sort((a, b) => a - b);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        // Totals always equal the sum of their lines.
        for (const inv of invoices) expect(invoiceTotals(inv.lines).totalMinor).toBe(inv.lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor - Math.round((l.quantity * l.unitPriceMinor * l.discountBp) / 10_000), 0));
      }
    }), { numRuns: 300 });
  });
});
