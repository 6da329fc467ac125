import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTranslator } from '../i18n/translator.js';
import {
  checkBillingSettings, checkInvoiceDetails, parseVatRateList, vatRateListText, type BillingSettingsInput, type InvoiceDetailsInput,
} from './clinic-settings.js';

const CURRENT = { linkDelayMinutes: 15 };
const BILLING: BillingSettingsInput = {
  billingProcess: 'manual', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal',
  linkTiming: 'after_appointment', linkDelayMinutes: '15', paymentTermsDays: '14', vatRates: '25, 15, 12, 0',
};
const DETAILS: InvoiceDetailsInput = {
  clinicName: 'Fjordside Fysioterapi AS', displayName: 'Fjordside Fysio', organisationNumber: '912 345 678',
  address: 'Strandgata 1, 5013 Bergen', bankAccount: '1503 12 34567', supportEmail: 'post@fjordside.no', senderName: 'Fjordside Fysio', senderMode: 'clinic',
};

describe('checkBillingSettings', () => {
  it('turns what was typed into settings fields', () => {
    expect(checkBillingSettings({ ...BILLING, paymentTermsDays: ' 30 ', linkDelayMinutes: '60', vatRates: '0; 12,5 25%' }, CURRENT)).toEqual({
      ok: true,
      value: {
        billingProcess: 'manual', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal',
        linkTiming: 'after_appointment', linkDelayMinutes: 60, paymentTermsDays: 30, vatRatesBp: [2500, 1250, 0],
      },
    });
  });

  it('keeps the stored delay when the link goes right after booking, whatever the hidden field holds', () => {
    const checked = checkBillingSettings({ ...BILLING, linkTiming: 'after_booking', linkDelayMinutes: 'soon' }, CURRENT);
    expect(checked).toMatchObject({ ok: true, value: { linkTiming: 'after_booking', linkDelayMinutes: 15 } });
  });

  it('accepts the edges: 0 and 365 days, 0 and 10080 minutes', () => {
    for (const [days, minutes] of [['0', '0'], ['365', '10080']] as const) {
      expect(checkBillingSettings({ ...BILLING, paymentTermsDays: days, linkDelayMinutes: minutes }, CURRENT).ok).toBe(true);
    }
  });

  it.each([
    [{ billingProcess: 'sometimes' }, 'billingProcess', 'Choose Automatic or Manual as the billing process.'],
    [{ defaultAltPaymentMethod: 'payment_link' }, 'defaultAltPaymentMethod', 'Choose the payment method staff use most often when a client pays at the desk.'],
    [{ linkTiming: 'never' }, 'linkTiming', 'Choose when the payment link is sent.'],
    [{ linkDelayMinutes: '' }, 'linkDelayMinutes', 'Enter how many minutes after the appointment the payment link is sent, as a whole number from 0 to 10080 (one week).'],
    [{ linkDelayMinutes: '10081' }, 'linkDelayMinutes', 'Enter how many minutes after the appointment the payment link is sent, as a whole number from 0 to 10080 (one week).'],
    [{ linkDelayMinutes: '7.5' }, 'linkDelayMinutes', 'Enter how many minutes after the appointment the payment link is sent, as a whole number from 0 to 10080 (one week).'],
    [{ paymentTermsDays: '-1' }, 'paymentTermsDays', 'Enter the payment terms as a whole number of days from 0 to 365.'],
    [{ paymentTermsDays: '366' }, 'paymentTermsDays', 'Enter the payment terms as a whole number of days from 0 to 365.'],
    [{ paymentTermsDays: '14.5' }, 'paymentTermsDays', 'Enter the payment terms as a whole number of days from 0 to 365.'],
    [{ paymentTermsDays: 'two weeks' }, 'paymentTermsDays', 'Enter the payment terms as a whole number of days from 0 to 365.'],
    [{ vatRates: ' ' }, 'vatRates', 'Enter at least one VAT rate, like 25 or 0.'],
    [{ vatRates: '25, 12, 25 %' }, 'vatRates', '25% is listed twice. List each VAT rate once.'],
    [{ vatRates: '12,5, 12.5' }, 'vatRates', '12.5% is listed twice. List each VAT rate once.'],
    [{ vatRates: '25, 150' }, 'vatRates', '"150" is too high: a VAT rate cannot be above 100 %.'],
    [{ vatRates: '25,15,12,0' }, 'vatRates', '"25,15,12,0" is not a VAT rate. Write each rate as a percentage, like 25 or 12.5, and separate them with a comma and a space: 25, 15, 12, 0.'],
    [{ vatRates: '25, -5' }, 'vatRates', '"-5" is not a VAT rate. Write each rate as a percentage, like 25 or 12.5, and separate them with a comma and a space: 25, 15, 12, 0.'],
    [{ vatRates: '1 2 3 4 5 6 7 8 9 10 11' }, 'vatRates', 'List at most 10 VAT rates.'],
  ] as const)('refuses %j on %s', (change, field, message) => {
    expect(checkBillingSettings({ ...BILLING, ...change }, CURRENT)).toMatchObject({ ok: false, field, message });
  });

  it('reads its refusals in bokmål, with the rate in Norwegian', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const twice = checkBillingSettings({ ...BILLING, vatRates: '12,5, 12.5' }, CURRENT);
    expect(!twice.ok && nb.t(twice.text).replace(/\s/g, ' ')).toBe('12,5 % står to ganger. Før opp hver mva-sats én gang.');
    const terms = checkBillingSettings({ ...BILLING, paymentTermsDays: '366' }, CURRENT);
    expect(!terms.ok && nb.t(terms.text)).toBe('Skriv betalingsfristen som et helt antall dager fra 0 til 365.');
  });
});

describe('VAT rate lists', () => {
  it('reads the usual ways of typing a list', () => {
    for (const text of ['25, 15, 12, 0', '25 %, 15 %, 12 %, 0 %', '0 12 15 25', '25;15;12;0', ' 25 ,15 , 12, 0, ']) {
      expect(parseVatRateList(text)).toEqual({ ok: true, value: [2500, 1500, 1200, 0] });
    }
  });

  it('writes a stored list the way it is read back', () => {
    expect(vatRateListText([2500, 1250, 625, 0])).toBe('25, 12.5, 6.25, 0');
    expect(vatRateListText([2500, 1250, 625, 0], ',')).toBe('25; 12,5; 6,25; 0');
    expect(parseVatRateList('25; 12,5; 6,25; 0')).toEqual({ ok: true, value: [2500, 1250, 625, 0] });
  });

  const rateSets = fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 10 });

  it('round-trips: any set of rates, written in any order with either decimal mark, reads back highest first', () => {
    const decimals = fc.constantFrom<'.' | ','>('.', ',');
    fc.assert(fc.property(rateSets.chain((rates) => fc.tuple(fc.constant(rates), fc.shuffledSubarray(rates, { minLength: rates.length }))), decimals, ([rates, shuffled], decimal) => {
      const parsed = parseVatRateList(vatRateListText(shuffled, decimal));
      expect(parsed).toEqual({ ok: true, value: [...rates].sort((a, b) => b - a) });
    }));
  });

  it('never accepts a list that names a rate twice', () => {
    fc.assert(fc.property(rateSets, fc.nat(), (rates, pick) => {
      const twice = [...rates, rates[pick % rates.length]!];
      if (twice.length > 10) return;
      const parsed = parseVatRateList(vatRateListText(twice));
      expect(parsed).toMatchObject({ ok: false, field: 'vatRates' });
    }));
  });
});

describe('checkInvoiceDetails', () => {
  it('trims what was typed and keeps the address on one line', () => {
    expect(checkInvoiceDetails({ ...DETAILS, displayName: '  Fjordside   Fysio ', address: 'Strandgata 1\n5013 Bergen\n', supportEmail: ' post@fjordside.no ' })).toEqual({
      ok: true, value: { ...DETAILS, displayName: 'Fjordside Fysio', address: 'Strandgata 1, 5013 Bergen', supportEmail: 'post@fjordside.no' },
    });
  });

  it('lets the optional fields be empty', () => {
    const empty = { organisationNumber: '', address: '', bankAccount: '', supportEmail: '', senderName: '' };
    expect(checkInvoiceDetails({ ...DETAILS, ...empty })).toEqual({ ok: true, value: { ...DETAILS, ...empty } });
  });

  it.each([
    [{ clinicName: '  ' }, 'clinicName', 'The legal name is required.'],
    [{ clinicName: 'x'.repeat(121) }, 'clinicName', 'The legal name can be at most 120 characters.'],
    [{ displayName: '' }, 'displayName', 'The display name is required.'],
    [{ organisationNumber: '9'.repeat(41) }, 'organisationNumber', 'The organisation number can be at most 40 characters.'],
    [{ address: 'a'.repeat(301) }, 'address', 'The address can be at most 300 characters.'],
    [{ bankAccount: '1'.repeat(41) }, 'bankAccount', 'The bank account can be at most 40 characters.'],
    [{ supportEmail: 'post@' }, 'supportEmail', '"post@" is not a valid email address. Check it looks like name@example.com.'],
    [{ senderName: 's'.repeat(121) }, 'senderName', 'The sender name can be at most 120 characters.'],
  ] as const)('refuses %j on %s', (change, field, message) => {
    expect(checkInvoiceDetails({ ...DETAILS, ...change })).toMatchObject({ ok: false, field, message });
  });
});
