import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DUNNING, dunningDueToday, nextDunningStep, payByDate, type DunningState, type StepDone } from './dunning.js';
import { addDays } from './time.js';
import { automaticLinkSendAt } from './auto-send.js';

const unpaid = (done: StepDone[] = []): DunningState => ({ dueDate: '2026-03-01', balanceMinor: 50_000, settled: false, paymentProcessing: false, done });
const FEE = { ...DEFAULT_DUNNING, reminderFeeMinor: 3_500 };

describe('dunning', () => {
  it('follows the default schedule: 7 days after due, 14 after that, final notice 14 later, collection the day after its 14 days', () => {
    expect(nextDunningStep(unpaid(), DEFAULT_DUNNING)).toMatchObject({ step: 'reminder', dueOn: '2026-03-08' });
    expect(nextDunningStep(unpaid([{ step: 'reminder', on: '2026-03-08', feeMinor: 0 }]), DEFAULT_DUNNING)).toMatchObject({ step: 'second_reminder', dueOn: '2026-03-22' });
    const two = [{ step: 'reminder' as const, on: '2026-03-08', feeMinor: 0 }, { step: 'second_reminder' as const, on: '2026-03-22', feeMinor: 0 }];
    expect(nextDunningStep(unpaid(two), DEFAULT_DUNNING)).toMatchObject({ step: 'final_notice', dueOn: '2026-04-05' });
    const three = [...two, { step: 'final_notice' as const, on: '2026-04-05', feeMinor: 0 }];
    expect(nextDunningStep(unpaid(three), DEFAULT_DUNNING)).toMatchObject({ step: 'debt_collection', dueOn: '2026-04-20' });
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
    expect(nextDunningStep(unpaid(done), { ...DEFAULT_DUNNING, finalNoticeGivesDays: 3 })!.dueOn).toBe('2026-04-20');
    expect(payByDate('final_notice', '2026-03-01', '2026-04-05', { ...DEFAULT_DUNNING, finalNoticeGivesDays: 3 })).toBe('2026-04-19');
  });

  it('gives each message its own deadline, always after the day it is sent', () => {
    // A reminder sent on 23 December for an invoice due on 16 December (issue 12).
    expect(payByDate('reminder', '2026-12-16', '2026-12-23', DEFAULT_DUNNING)).toBe('2027-01-05');
    expect(payByDate('second_reminder', '2026-12-16', '2027-01-06', DEFAULT_DUNNING)).toBe('2027-01-19');
    expect(payByDate('final_notice', '2026-12-16', '2027-01-20', DEFAULT_DUNNING)).toBe('2027-02-03');
    // A payment link names the due date only while it is ahead.
    expect(payByDate('payment_link', '2026-12-16', '2026-12-02', DEFAULT_DUNNING)).toBe('2026-12-16');
    expect(payByDate('payment_link', '2026-12-16', '2026-12-20', DEFAULT_DUNNING)).toBe('');
    // However short the clinic's intervals, never today or before.
    expect(payByDate('reminder', '2026-12-16', '2026-12-23', { ...DEFAULT_DUNNING, secondReminderAfterDays: 0 })).toBe('2026-12-24');
    for (const step of ['reminder', 'second_reminder', 'final_notice'] as const) expect(payByDate(step, '2026-12-16', '2026-12-23', DEFAULT_DUNNING) > '2026-12-23').toBe(true);
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
