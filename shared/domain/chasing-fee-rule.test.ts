import { describe, expect, it } from 'vitest';
import { chasingFeeRefusal, reminderFeeFact, reminderFeeLimit } from './reminder-fees.js';
import { createTranslator, inEnglish } from '../i18n/translator.js';
import { checkPaymentSettings } from './payment-settings-input.js';

const invoice = { id: 'inv-1', _deleted: false, kind: 'invoice', status: 'completed', currency: 'NOK', dueDate: '2026-03-16' };
const settings = { reminderFeeMinor: 3_500, timeZone: 'Europe/Oslo' };
const fee = (over: Record<string, unknown> = {}) => ({
  ...reminderFeeFact({ invoiceId: 'inv-1', clientId: 'c1', step: 'reminder', amountMinor: 3_500, currency: 'NOK', at: '2026-03-30T09:00:00.000Z', desk: 'd1' }), ...over,
});

/** The refusal as the server's English message says it (server/sync/push.ts). */
const feeProblem = (...args: Parameters<typeof chasingFeeRefusal>) => {
  const refusal = chasingFeeRefusal(...args);
  return refusal ? inEnglish(refusal) : null;
};

describe('chasingFeeRefusal', () => {
  it("takes the clinic's fee on a completed invoice, 14 days or more after its due date, at most twice", () => {
    expect(feeProblem(fee(), { invoice, settings, feesOnInvoice: [] })).toBeNull();
    expect(feeProblem(fee(), { invoice, settings, feesOnInvoice: ['fee-reminder-inv-1', 'fee-second_reminder-inv-1'] })).toBeNull();
    const second = reminderFeeFact({ invoiceId: 'inv-1', clientId: 'c1', step: 'second_reminder', amountMinor: 3_500, currency: 'NOK', at: '2026-04-14T09:00:00.000Z', desk: 'd1' });
    expect(feeProblem(second, { invoice, settings, feesOnInvoice: ['fee-reminder-inv-1'] })).toBeNull();
  });

  it('refuses a forged fee: any amount but the clinic\'s, too early, a third, on no invoice, or under another id', () => {
    const on = { invoice, settings, feesOnInvoice: [] };
    expect(feeProblem(fee({ amountMinor: 9_999_900 }), on)).toMatch(/not the clinic's reminder fee/);
    expect(feeProblem(fee({ amountMinor: 9_999_900 }), { ...on, settings: { ...settings, reminderFeeMinor: 9_999_900 } })).toMatch(/at most 70 kr/);
    // 13 days after the due date, in Oslo.
    expect(feeProblem(fee({ at: '2026-03-29T21:59:00.000Z' }), on)).toMatch(/14 days after the due date/);
    expect(feeProblem(fee({ at: '2026-03-29T22:00:00.000Z' }), on)).toBeNull();
    const third = reminderFeeFact({ invoiceId: 'inv-1', clientId: 'c1', step: 'final_notice', amountMinor: 3_500, currency: 'NOK', at: '2026-05-01T09:00:00.000Z', desk: 'd1' });
    expect(feeProblem(third, { ...on, feesOnInvoice: ['fee-reminder-inv-1', 'fee-second_reminder-inv-1'] })).toMatch(/at most two/);
    expect(feeProblem(fee(), { ...on, invoice: null })).toMatch(/not an unpaid, completed invoice/);
    expect(feeProblem(fee(), { ...on, invoice: { ...invoice, status: 'void' } })).toMatch(/not an unpaid, completed invoice/);
    expect(feeProblem(fee({ currency: 'EUR' }), on)).toMatch(/currency/);
    expect(feeProblem(fee({ id: 'fee-anything' }), on)).toMatch(/chasing step/);
    expect(feeProblem(fee({ id: 'fee-debt_collection-inv-1' }), on)).toMatch(/chasing step/);
  });

  it('says why in bokmål too', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const on = { invoice, settings: { ...settings, reminderFeeMinor: 9_999_900 }, feesOnInvoice: [] };
    expect(nb.t(chasingFeeRefusal(fee({ amountMinor: 9_999_900 }), on)!)).toBe('Serveren tok ikke imot dette purregebyret: Purregebyret kan være høyst 70 kr (en tidel av inkassosatsen).');
  });
});

describe('the legal reminder fee limit', () => {
  it('is asked by the settings form as well as the server', () => {
    expect(reminderFeeLimit(7_000, 'NOK')).toBeNull();
    expect(inEnglish(reminderFeeLimit(7_001, 'NOK')!)).toMatch(/at most 70 kr/);
    expect(reminderFeeLimit(50_000, 'GBP')).toBeNull();
    const input = {
      linkLifetimeHours: '12', emailCost: '0', smsSegmentCost: '0', messageVat: '25', reminderAfterDueDays: '7', secondReminderAfterDays: '14',
      finalNoticeAfterDays: '14', finalNoticeGivesDays: '14', reminderFee: '999', notifyClinicOnPayment: false,
    };
    expect(checkPaymentSettings(input, 'NOK')).toMatchObject({ ok: false, field: 'reminderFee', message: expect.stringMatching(/at most 70 kr/) });
    expect(checkPaymentSettings({ ...input, reminderFee: '70' }, 'NOK').ok).toBe(true);
  });
});
