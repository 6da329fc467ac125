import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookingBillingState, bookingBillingStates, type BillingInputs } from './booking-billing-state.js';

const TODAY = '2026-03-10';
const line = { id: 'l1', serviceId: 's', description: 'Consultation', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 0 };
const base = { clientId: 'c1', creditsInvoiceId: '', currency: 'NOK' as const, lines: [line], number: 7, completedAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z', createdAt: '2026-03-01T09:00:00.000Z' };
const completed = { ...base, id: 'inv1', kind: 'invoice' as const, status: 'completed' as const, dueDate: '2026-03-15' };
const booking = { id: 'b1', billing: 'manual' as const, invoiceId: 'inv1' };
const pay = (amountMinor: number, kind: 'payment' | 'refund' | 'credit_applied' | 'fee' = 'payment') => ({
  id: `p${amountMinor}${kind}`, kind, invoiceId: 'inv1', clientId: 'c1', method: 'cash' as const, amountMinor, currency: 'NOK' as const, at: '2026-03-02T09:00:00.000Z',
});
const link = (status: 'sent' | 'processing' | 'paid' | 'expired' | 'cancelled' | 'superseded' | 'scheduled') => ({ invoiceId: 'inv1', purpose: 'payment_link' as const, status });

function stateOf(inputs: Partial<BillingInputs>, b: { id: string; billing: 'automatic' | 'manual' | 'external'; invoiceId: string } = booking, today = TODAY) {
  return bookingBillingStates([b], { invoices: [completed], facts: [], requests: [], ...inputs }, today).get(b.id);
}

describe("a booking's billing state", () => {
  it('is externally billed without an invoice, and "no invoice" while its invoice has not arrived', () => {
    expect(stateOf({}, { id: 'b', billing: 'external', invoiceId: '' })).toBe('external');
    expect(stateOf({ invoices: [] })).toBe('no_invoice');
    // An externally billed booking someone made an invoice for shows that invoice.
    expect(stateOf({}, { id: 'b', billing: 'external', invoiceId: 'inv1' })).toBe('unpaid');
  });

  it('is draft, unpaid, part paid, paid, credited or void as the invoice is', () => {
    expect(stateOf({ invoices: [{ ...completed, status: 'draft', number: 0, dueDate: '' }] })).toBe('draft');
    expect(stateOf({})).toBe('unpaid');
    expect(stateOf({ facts: [pay(20_000)] })).toBe('part_paid');
    expect(stateOf({ facts: [pay(75_000)] })).toBe('paid');
    expect(stateOf({ facts: [pay(75_000), pay(75_000, 'refund')] })).toBe('unpaid');
    expect(stateOf({ invoices: [{ ...completed, status: 'void' }] })).toBe('void');
    const note = { ...base, id: 'cn1', kind: 'credit_note' as const, status: 'completed' as const, creditsInvoiceId: 'inv1', dueDate: '' };
    expect(stateOf({ invoices: [completed, note] })).toBe('credited');
  });

  it('is link sent while a live link waits, and overdue once the due date has passed, whatever the link', () => {
    expect(stateOf({ requests: [link('sent')] })).toBe('link_sent');
    expect(stateOf({ requests: [link('processing')] })).toBe('link_sent');
    expect(stateOf({ requests: [link('expired'), link('cancelled'), link('superseded')] })).toBe('unpaid');
    expect(stateOf({ requests: [link('sent')] }, booking, '2026-03-15')).toBe('link_sent');
    expect(stateOf({ requests: [link('sent')] }, booking, '2026-03-16')).toBe('overdue');
    expect(stateOf({ facts: [pay(20_000)] }, booking, '2026-03-16')).toBe('overdue');
    // Paid is paid, however late.
    expect(stateOf({ facts: [pay(75_000)], requests: [link('sent')] }, booking, '2027-01-01')).toBe('paid');
    // Waiting for its number (no due date yet): never overdue.
    expect(stateOf({ invoices: [{ ...completed, dueDate: '', number: 0 }] }, booking, '2027-01-01')).toBe('unpaid');
  });

  it('is ready for debt collection once the chasing marked it', () => {
    const marker = { invoiceId: 'inv1', purpose: 'debt_collection' as const, status: 'sent' as const };
    expect(stateOf({ requests: [marker] }, booking, '2026-06-01')).toBe('debt_collection');
  });

  it('reads each invoice only from its own documents', () => {
    const other = { ...completed, id: 'inv2' };
    const states = bookingBillingStates(
      [booking, { id: 'b2', billing: 'manual', invoiceId: 'inv2' }],
      { invoices: [completed, other], facts: [pay(75_000)], requests: [{ ...link('sent'), invoiceId: 'inv2' }] }, TODAY,
    );
    expect(states.get('b1')).toBe('paid');
    expect(states.get('b2')).toBe('link_sent');
  });

  it('is the same one rule for one booking and for many', () => {
    const state = fc.constantFrom('sent', 'processing', 'paid', 'expired', 'cancelled', 'superseded', 'scheduled' as const);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 80_000 }), { maxLength: 3 }), fc.array(state, { maxLength: 3 }), fc.constantFrom('2026-03-01', '2026-03-20'), (amounts, links, today) => {
      const facts = amounts.map((a, i) => ({ ...pay(a), id: `p${i}` }));
      const requests = links.map(link);
      const many = stateOf({ facts, requests }, booking, today);
      const paid = Math.min(75_000, facts.reduce((s, f) => s + f.amountMinor, 0));
      const one = bookingBillingState(booking, completed, { state: paid >= 75_000 ? 'paid' : paid > 0 ? 'part_paid' : 'unpaid', balanceMinor: 75_000 - paid }, requests, today);
      expect(many).toBe(one);
    }));
  });
});
