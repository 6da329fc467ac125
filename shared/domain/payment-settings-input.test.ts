import { describe, expect, it } from 'vitest';
import { checkPaymentSettings, type PaymentSettingsInput } from './payment-settings-input.js';
import { createTranslator } from '../i18n/translator.js';

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
    expect(checkPaymentSettings({ ...GOOD, ...change }, 'NOK')).toMatchObject({ ok: false, field, message });
  });

  it('names the field in bokmål, and the fee limit in kroner', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const cost = checkPaymentSettings({ ...GOOD, emailCost: '-1' }, 'NOK');
    expect(!cost.ok && nb.t(cost.text)).toBe('Pris per e-post: Beløpet kan ikke være negativt.');
    const fee = checkPaymentSettings({ ...GOOD, reminderFee: '80' }, 'NOK');
    expect(fee).toMatchObject({ ok: false, field: 'reminderFee', message: 'A reminder fee may be at most 70 kr (a tenth of the inkassosats).' });
    expect(!fee.ok && nb.t(fee.text)).toBe('Purregebyret kan være høyst 70 kr (en tidel av inkassosatsen).');
  });
});
