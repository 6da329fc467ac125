import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysOverdue, lastStep, markReadyRefusal, matchesOutstanding, outstandingTotals, sortOutstanding, type OutstandingRow, type OutstandingSort } from './outstanding.js';
import { DEFAULT_DUNNING, nextDunningStep, type DunningStep } from './dunning.js';
import { createTranslator, inEnglish } from '../i18n/translator.js';

const TODAY = '2026-04-15';
const STEPS: (DunningStep | 'none')[] = ['none', 'reminder', 'second_reminder', 'final_notice', 'debt_collection'];
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-04-${String(d).padStart(2, '0')}`);
const row: fc.Arbitrary<OutstandingRow> = fc.record({
  invoiceId: fc.uuid(), clientId: fc.constantFrom('c1', 'c2'), practitionerId: fc.constantFrom('', 'p1', 'p2'), number: fc.nat({ max: 999 }),
  dueDate: fc.oneof(day, fc.constant('')), balanceMinor: fc.integer({ min: 1, max: 500_000 }), step: fc.constantFrom(...STEPS),
});
const rows = fc.uniqueArray(row, { selector: (r) => r.invoiceId, maxLength: 20 });

describe('the Outstanding list', () => {
  it('counts whole days past the due date, never below 0', () => {
    expect(daysOverdue('2026-04-01', TODAY)).toBe(14);
    expect(daysOverdue('2026-04-20', TODAY)).toBe(0);
    expect(daysOverdue('', TODAY)).toBe(0);
    // Across the spring clock change (29 March in Norway): still whole days.
    expect(daysOverdue('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('knows the last step sent, in chasing order whatever order they were recorded in', () => {
    expect(lastStep([])).toBe('none');
    expect(lastStep([{ step: 'second_reminder' }, { step: 'reminder' }])).toBe('second_reminder');
  });

  it('filters: each filter only ever removes rows, and a paid invoice is never listed', () => {
    fc.assert(fc.property(rows, fc.nat({ max: 30 }), fc.constantFrom(undefined, 'p1', ''), fc.constantFrom(undefined, ...STEPS), (all, overdue, practitioner, step) => {
      const filter = { overdueAtLeastDays: overdue, ...(practitioner === undefined ? {} : { practitionerId: practitioner }), ...(step === undefined ? {} : { step }) };
      const shown = all.filter((r) => matchesOutstanding(r, filter, TODAY));
      for (const r of shown) {
        if (overdue > 0) expect(daysOverdue(r.dueDate, TODAY)).toBeGreaterThanOrEqual(overdue);
        if (practitioner !== undefined) expect(r.practitionerId).toBe(practitioner);
        if (step !== undefined) expect(r.step).toBe(step);
      }
      expect(shown.length).toBeLessThanOrEqual(all.filter((r) => matchesOutstanding(r, {}, TODAY)).length);
    }));
    expect(matchesOutstanding({ invoiceId: 'i', clientId: 'c', practitionerId: '', number: 1, dueDate: '', balanceMinor: 0, step: 'none' }, {}, TODAY)).toBe(false);
  });

  it('sorts the same whatever order the rows came in, and totals are the sum of what is shown', () => {
    fc.assert(fc.property(rows, fc.constantFrom<OutstandingSort>('overdue', 'balance', 'number', 'step'), fc.boolean(), (all, sort, descending) => {
      const sorted = sortOutstanding(all, sort, descending, TODAY);
      expect(sortOutstanding([...all].reverse(), sort, descending, TODAY)).toEqual(sorted);
      if (sort === 'balance') for (let i = 1; i < sorted.length; i++) expect(descending ? sorted[i - 1]!.balanceMinor >= sorted[i]!.balanceMinor : sorted[i - 1]!.balanceMinor <= sorted[i]!.balanceMinor).toBe(true);
      const totals = outstandingTotals(all, TODAY);
      expect(totals.count).toBe(all.length);
      expect(totals.balanceMinor).toBe(all.reduce((s, r) => s + r.balanceMinor, 0));
      expect(totals.overdueMinor).toBeLessThanOrEqual(totals.balanceMinor);
    }));
  });
});

describe('marking an invoice ready for debt collection by hand', () => {
  const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
  const notice = { step: 'final_notice' as const, on: '2026-04-01', feeMinor: 0 };

  it('is refused before the inkassovarsel went, and until every day it gives has passed', () => {
    expect(inEnglish(markReadyRefusal([{ step: 'reminder', on: '2026-03-01', feeMinor: 0 }], DEFAULT_DUNNING, TODAY)!)).toMatch(/No inkassovarsel/);
    expect(nb.t(markReadyRefusal([notice], DEFAULT_DUNNING, '2026-04-15')!)).toBe('Inkassovarselet gir klienten frist til 15. apr. 2026; fakturaen kan sendes til inkasso etter den dagen.');
    expect(markReadyRefusal([notice], DEFAULT_DUNNING, '2026-04-16')).toBeNull();
    expect(markReadyRefusal([notice], { ...DEFAULT_DUNNING, finalNoticeGivesDays: 21 }, '2026-04-16')).not.toBeNull();
    expect(inEnglish(markReadyRefusal([notice, { step: 'debt_collection', on: '2026-04-16', feeMinor: 0 }], DEFAULT_DUNNING, '2026-04-20')!)).toMatch(/already marked/);
  });

  it('allows it on the very day the chasing itself would mark it, never earlier', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 14, max: 40 }), fc.integer({ min: 0, max: 60 }), (d, gives, after) => {
      const schedule = { ...DEFAULT_DUNNING, finalNoticeGivesDays: gives };
      const sent = `2026-03-${String(d).padStart(2, '0')}`;
      const done = [{ step: 'reminder' as const, on: '2026-02-01', feeMinor: 0 }, { step: 'second_reminder' as const, on: '2026-02-15', feeMinor: 0 }, { step: 'final_notice' as const, on: sent, feeMinor: 0 }];
      const chasingOn = nextDunningStep({ dueDate: '2026-01-20', balanceMinor: 10_000, settled: false, paymentProcessing: false, done }, schedule)!.dueOn;
      const today = new Date(Date.parse(`${sent}T00:00:00Z`) + after * 86_400_000).toISOString().slice(0, 10);
      expect(markReadyRefusal(done, schedule, today) === null).toBe(today >= chasingOn);
    }));
  });
});
