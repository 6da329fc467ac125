import { describe, it, expect } from 'vitest';
import { checkSetup, DESK_ACTOR, type SetupInput } from './setup.js';
import { DEFAULT_LOCALE } from './money.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const NOW = '2026-11-21T09:00:00.000Z';
const good: SetupInput = {
  clinicName: 'Fjordside Physio',
  currency: 'NOK',
  timeZone: 'Europe/Oslo',
  practitionerName: 'Astrid Solberg',
  service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' },
};

function refusal(input: SetupInput): { message: string; field: string | undefined } {
  const r = checkSetup(input, NOW, TEST_DESK);
  if (r.ok) throw new Error('expected a refusal');
  return { message: r.message, field: r.field };
}

describe('checkSetup', () => {
  it('builds settings, practitioner and service from a good input', () => {
    const r = checkSetup(good, NOW, TEST_DESK);
    if (!r.ok) throw new Error(r.message);
    const { settings, practitioner, service } = r.value;
    expect(settings).toMatchObject({
      id: 'clinic', clinicName: 'Fjordside Physio', displayName: 'Fjordside Physio', senderName: 'Fjordside Physio',
      currency: 'NOK', locale: DEFAULT_LOCALE.NOK, timeZone: 'Europe/Oslo', billingProcess: 'automatic', manualCreateDraft: true,
      linkDelayMinutes: 15, paymentTermsDays: 14, invoicingActivatedAt: '', senderMode: 'clinic', createdAt: NOW, updatedBy: DESK_ACTOR, deskId: TEST_DESK, idleLockMinutes: 10,
    });
    expect(settings.locale).toBe('nb-NO');
    expect(settings.vatRatesBp).toEqual([2500, 1500, 1200, 0]);
    expect(practitioner).toMatchObject({ name: 'Astrid Solberg', isPractitioner: true, active: true, roles: ['admin', 'billing', 'practitioner'], deskId: TEST_DESK });
    expect(service).toMatchObject({ name: 'Consultation', durationMinutes: 45, priceMinor: 75_000, vatRateBp: 0, currency: 'NOK', active: true, deskId: TEST_DESK });
    expect(practitioner.id).not.toBe(service.id);
  });

  it("adds the service's VAT rate to the clinic's rates when it is not a standard one", () => {
    const r = checkSetup({ ...good, currency: 'GBP', timeZone: 'Europe/London', service: { ...good.service, price: '80.00', vatRate: '12.5' } }, NOW, TEST_DESK);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.settings.locale).toBe(DEFAULT_LOCALE.GBP);
    expect(r.value.settings.currency).toBe('GBP');
    expect(r.value.settings.vatRatesBp).toEqual([2000, 1250, 500, 0]);
    expect(r.value.service.vatRateBp).toBe(1250);
    expect(r.value.service.priceMinor).toBe(8_000);
  });

  it('uses the US locale for dollars', () => {
    const r = checkSetup({ ...good, currency: 'USD', timeZone: 'America/New_York' }, NOW, TEST_DESK);
    expect(r.ok && r.value.settings.locale).toBe('en-US');
  });

  it('refuses an empty clinic name', () => {
    expect(refusal({ ...good, clinicName: '  ' })).toEqual({ message: 'Clinic name is required.', field: 'clinicName' });
  });

  it('refuses an unknown currency', () => {
    expect(refusal({ ...good, currency: 'XYZ' })).toEqual({ message: 'Choose the currency the clinic charges in.', field: 'currency' });
    expect(refusal({ ...good, currency: '' })).toEqual({ message: 'Choose the currency the clinic charges in.', field: 'currency' });
  });

  it('refuses a time zone that does not exist', () => {
    expect(refusal({ ...good, timeZone: 'Europe/Bergen' })).toEqual({
      message: '"Europe/Bergen" is not a time zone. Choose one from the list, e.g. Europe/Oslo.', field: 'timeZone',
    });
  });

  it('refuses a missing practitioner', () => {
    expect(refusal({ ...good, practitionerName: '' })).toEqual({ message: "Practitioner's name is required.", field: 'practitionerName' });
  });

  it('refuses a bad service', () => {
    expect(refusal({ ...good, service: { ...good.service, name: '' } })).toEqual({ message: 'Service name is required.', field: 'serviceName' });
    expect(refusal({ ...good, service: { ...good.service, durationMinutes: '0' } })).toEqual({ message: 'A service must last at least 1 minute.', field: 'duration' });
    expect(refusal({ ...good, service: { ...good.service, durationMinutes: '45.5' } })).toEqual({ message: 'Enter the duration in whole minutes, e.g. 45.', field: 'duration' });
    expect(refusal({ ...good, service: { ...good.service, durationMinutes: '1441' } }).field).toBe('duration');
    expect(refusal({ ...good, service: { ...good.service, price: 'free' } })).toEqual({
      message: '"free" is not an amount. Enter an amount like 450 or 450.50.', field: 'price',
    });
    expect(refusal({ ...good, service: { ...good.service, vatRate: 'lots' } })).toEqual({
      message: 'Enter the VAT rate as a percentage, like 25 or 12.5.', field: 'vatRate',
    });
  });
});
