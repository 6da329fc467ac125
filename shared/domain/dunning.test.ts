import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DUNNING, dunningDueToday, nextDunningStep, type DunningState, type StepDone } from './dunning.js';
import { addDays } from './time.js';
import { automaticLinkSendAt } from './auto-send.js';

const unpaid = (done: StepDone[] = []): DunningState => ({ dueDate: '2026-03-01', balanceMinor: 50_000, settled: false, paymentProcessing: false, done });
const FEE = { ...DEFAULT_DUNNING, reminderFeeMinor: 3_500 };

describe('dunning', () => {
  it('follows the default schedule: 7 days after due, 14 after that, final notice 14 later, collection 14 after it', () => {
    expect(nextDunningStep(unpaid(), DEFAULT_DUNNING)).toMatchObject({ step: 'reminder', dueOn: '2026-03-08' });
    expect(nextDunningStep(unpaid([{ step: 'reminder', on: '2026-03-08', feeMinor: 0 }]), DEFAULT_DUNNING)).toMatchObject({ step: 'second_reminder', dueOn: '2026-03-22' });
    const two = [{ step: 'reminder' as const, on: '2026-03-08', feeMinor: 0 }, { step: 'second_reminder' as const, on: '2026-03-22', feeMinor: 0 }];
    expect(nextDunningStep(unpaid(two), DEFAULT_DUNNING)).toMatchObject({ step: 'final_notice', dueOn: '2026-04-05' });
    const three = [...two, { step: 'final_notice' as const, on: '2026-04-05', feeMinor: 0 }];
    expect(nextDunningStep(unpaid(three), DEFAULT_DUNNING)).toMatchObject({ step: 'debt_collection', dueOn: '2026-04-19' });
    expect(nextDunningStep(unpaid([...three, { step: 'debt_collection', on: '2026-04-19', feeMinor: 0 }]), DEFAULT_DUNNING)).toBeNull();
  });

  it('stops when paid, voided or credited, and waits while a payment is processing', () => {
    expect(nextDunningStep({ ...unpaid(), settled: true }, DEFAULT_DUNNING)).toBeNull();
    expect(nextDunningStep({ ...unpaid(), balanceMinor: 0 }, DEFAULT_DUNNING)).toBeNull();
    expect(dunningDueToday({ ...unpaid(), paymentProcessing: true }, DEFAULT_DUNNING, '2026-04-01')).toBeNull();
    expect(dunningDueToday(unpaid(), DEFAULT_DUNNING, '2026-03-07')).toBeNull();
    expect(dunningDueToday(unpaid(), DEFAULT_DUNNING, '2026-03-08')).toMatchObject({ step: 'reminder' });
  });

  it('charges a fee only 14 days or more after the due date, at most twice, and asks for the balance plus this step\'s fee', () => {
    const first = nextDunningStep(unpaid(), FEE)!;
    expect(first).toMatchObject({ feeMinor: 0, amountMinor: 50_000 });
    const second = nextDunningStep(unpaid([{ step: 'reminder', on: '2026-03-08', feeMinor: 0 }]), FEE)!;
    expect(second).toMatchObject({ feeMinor: 3_500, amountMinor: 53_500 });
    const done: StepDone[] = [{ step: 'reminder', on: '2026-03-20', feeMinor: 3_500 }, { step: 'second_reminder', on: '2026-04-03', feeMinor: 3_500 }];
    // The two fees charged so far are in the balance (ledger.ts counts them as charges).
    expect(nextDunningStep({ ...unpaid(done), balanceMinor: 57_000 }, FEE)).toMatchObject({ step: 'final_notice', feeMinor: 0, amountMinor: 57_000 });
  });

  it('after a week of downtime sends the overdue step once; the next follows a full interval after it', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), (lateDays) => {
      const today = addDays('2026-03-08', lateDays);
      const step = dunningDueToday(unpaid(), DEFAULT_DUNNING, today)!;
      expect(step.step).toBe('reminder');
      const after = unpaid([{ step: 'reminder', on: today, feeMinor: 0 }]);
      expect(dunningDueToday(after, DEFAULT_DUNNING, today)).toBeNull();
      expect(nextDunningStep(after, DEFAULT_DUNNING)!.dueOn).toBe(addDays(today, 14));
    }));
  });

  it('never gives less than 14 days between the final notice and debt collection', () => {
    const done: StepDone[] = [{ step: 'reminder', on: '2026-03-08', feeMinor: 0 }, { step: 'second_reminder', on: '2026-03-22', feeMinor: 0 }, { step: 'final_notice', on: '2026-04-05', feeMinor: 0 }];
    expect(nextDunningStep(unpaid(done), { ...DEFAULT_DUNNING, finalNoticeGivesDays: 3 })!.dueOn).toBe('2026-04-19');
  });
});

describe('automatic link timing', () => {
  it('sends right after booking, or N minutes after the appointment ends — also across the DST change', () => {
    const booking = { createdAt: '2026-03-20T08:00:00.000Z', end: '2026-03-29T00:50:00.000Z' };
    expect(automaticLinkSendAt(booking, { linkTiming: 'after_booking', linkDelayMinutes: 15 })).toBe('2026-03-20T08:00:00.000Z');
    // Oslo springs forward at 01:00 UTC on 29 March: 01:50 CET + 15 min = 03:05 CEST, 15 real minutes.
    expect(automaticLinkSendAt(booking, { linkTiming: 'after_appointment', linkDelayMinutes: 15 })).toBe('2026-03-29T01:05:00.000Z');
  });
});
