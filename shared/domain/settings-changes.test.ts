import { describe, expect, it } from 'vitest';
import { checkSetup } from './setup.js';
import { changedSettings, describeSettingsChanges } from './settings-changes.js';
import { formatVatRate } from './vat.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const setup = checkSetup({
  clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
  service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
}, '2026-01-01T08:00:00.000Z', TEST_DESK);
if (!setup.ok) throw new Error(setup.message);
const settings = setup.value.settings;

describe('describeSettingsChanges', () => {
  it('names only what changed, old → new', () => {
    const patch = { paymentTermsDays: 30, vatRatesBp: [2500, 0], billingProcess: 'manual' as const, supportEmail: 'post@fjordside.no' };
    expect(changedSettings(settings, patch)).toEqual(['paymentTermsDays', 'vatRatesBp', 'supportEmail']);
    const pct = (bp: number) => formatVatRate(bp, 'nb-NO');
    expect(describeSettingsChanges(settings, patch)).toBe(
      `Payment terms: 14 days → 30 days; VAT rates: ${[2500, 1500, 1200, 0].map(pct).join(', ')} → ${pct(2500)}, ${pct(0)}; Support email: (empty) → "post@fjordside.no"`,
    );
  });

  it('says nothing for a save that changes nothing', () => {
    expect(changedSettings(settings, { paymentTermsDays: 14, vatRatesBp: [...settings.vatRatesBp] })).toEqual([]);
    expect(describeSettingsChanges(settings, {})).toBe('');
  });

  it('fits the activity log', () => {
    const text = describeSettingsChanges(settings, { address: 'a'.repeat(300), clinicName: 'b'.repeat(120), senderName: 'c'.repeat(120) });
    expect(text.length).toBe(500);
    expect(text.endsWith('…')).toBe(true);
  });
});
