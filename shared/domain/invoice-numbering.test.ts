import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { awaitsNumber, invoiceDates, numberInvoice, resolveInvoiceTerms } from './invoice-numbering.js';
import { addDays } from './time.js';

describe('invoiceDates', () => {
  it("uses the clinic's calendar day, not UTC's", () => {
    // 23:30 UTC on 21 Nov is already 22 Nov in Oslo (UTC+1) but still 21 Nov in New York.
    expect(invoiceDates('2026-11-21T23:30:00.000Z', { timeZone: 'Europe/Oslo', paymentTermsDays: 14 }))
      .toEqual({ invoiceDate: '2026-11-22', dueDate: '2026-12-06' });
    expect(invoiceDates('2026-11-21T23:30:00.000Z', { timeZone: 'America/New_York', paymentTermsDays: 30 }))
      .toEqual({ invoiceDate: '2026-11-21', dueDate: '2026-12-21' });
  });

  it('falls back to Europe/Oslo and 14 days without settings or with invalid ones', () => {
    expect(invoiceDates('2026-06-30T22:30:00.000Z', null)).toEqual({ invoiceDate: '2026-07-01', dueDate: '2026-07-15' });
    expect(resolveInvoiceTerms({ timeZone: 'Mars/Olympus', paymentTermsDays: -3 })).toEqual({ timeZone: 'Europe/Oslo', paymentTermsDays: 14 });
    expect(resolveInvoiceTerms({ timeZone: 'Europe/London', paymentTermsDays: 0 })).toEqual({ timeZone: 'Europe/London', paymentTermsDays: 0 });
  });

  it('puts the due date exactly paymentTermsDays after the invoice date', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 365 }),
      fc.constantFrom('Europe/Oslo', 'Europe/London', 'America/New_York', 'Pacific/Auckland'),
      (now, days, timeZone) => {
        const { invoiceDate, dueDate } = invoiceDates(now, { timeZone, paymentTermsDays: days });
        expect(dueDate).toBe(addDays(invoiceDate, days));
        expect(dueDate >= invoiceDate).toBe(true);
      },
    ));
  });
});

describe('numberInvoice', () => {
  const pending = { id: 'inv-1', status: 'completed', number: 0, invoiceDate: '', dueDate: '', lines: [{ id: 'l1' }] };

  it('fills number and dates and nothing else', () => {
    expect(awaitsNumber(pending)).toBe(true);
    const numbered = numberInvoice(pending, 7, '2026-03-01T10:00:00.000Z', { timeZone: 'Europe/Oslo', paymentTermsDays: 10 });
    expect(numbered).toEqual({ ...pending, number: 7, invoiceDate: '2026-03-01', dueDate: '2026-03-11' });
    expect(awaitsNumber(numbered)).toBe(false);
  });

  it('needs a number only for completed invoices with number 0', () => {
    expect(awaitsNumber({ ...pending, status: 'draft' })).toBe(false);
    expect(awaitsNumber({ ...pending, status: 'void' })).toBe(false);
    expect(awaitsNumber({ ...pending, number: 3 })).toBe(false);
  });

  it('refuses a number that is not a positive integer', () => {
    expect(() => numberInvoice(pending, 0, new Date(), null)).toThrow(RangeError);
    expect(() => numberInvoice(pending, 1.5, new Date(), null)).toThrow(RangeError);
  });
});
