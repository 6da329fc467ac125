import { describe, expect, it } from 'vitest';
import { checkPaymentSettings, type PaymentSettingsInput } from './payment-settings-input.js';

const GOOD: PaymentSettingsInput = {
  linkLifetimeHours: '24', emailCost: '0,02', smsSegmentCost: '0.05', messageVat: '25', reminderAfterDueDays: '7', secondReminderAfterDays: '14',
  finalNoticeAfterDays: '14', finalNoticeGivesDays: '14', reminderFee: '35', notifyClinicOnPayment: true,
};

describe('payment settings input', () => {
  it('reads prices as minor units and days as numbers', () => {
    expect(checkPaymentSettings(GOOD, 'NOK')).toEqual({ ok: true, value: {
      linkLifetimeHours: 24, emailCostMinor: 2, smsSegmentCostMinor: 5, messageVatBp: 2500, reminderAfterDueDays: 7, secondReminderAfterDays: 14,
      finalNoticeAfterDays: 14, finalNoticeGivesDays: 14, reminderFeeMinor: 3500, notifyClinicOnPayment: true,
    } });
  });

  it.each([
    [{ linkLifetimeHours: '25' }, 'linkLifetimeHours', 'A payment link can live from 1 to 24 hours.'],
    [{ linkLifetimeHours: '0' }, 'linkLifetimeHours', 'A payment link can live from 1 to 24 hours.'],
    [{ finalNoticeGivesDays: '10' }, 'finalNoticeGivesDays', 'Days the final notice gives: choose between 14 and 365 days.'],
    [{ reminderAfterDueDays: 'seven' }, 'reminderAfterDueDays', 'Reminder: enter a whole number of days.'],
    [{ emailCost: '-1' }, 'emailCost', 'Email cost: The amount cannot be negative.'],
    [{ messageVat: '250' }, 'messageVat', 'The VAT rate cannot be above 100 %.'],
  ])('refuses %j', (change, field, message) => {
    expect(checkPaymentSettings({ ...GOOD, ...change }, 'NOK')).toEqual({ ok: false, field, message });
  });
});
