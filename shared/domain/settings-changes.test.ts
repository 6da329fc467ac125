import { describe, expect, it } from 'vitest';
import { checkSetup } from './setup.js';
import { changedSettings, describeSettingsChanges } from './settings-changes.js';
import { TEST_DESK } from '../test-support/test-clinic.js';
import { activityEntry, summaryOf } from '../db/activity-log.js';
import { createTranslator, inEnglish } from '../i18n/translator.js';

const setup = checkSetup({
  clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
  service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
}, '2026-01-01T08:00:00.000Z', TEST_DESK);
if (!setup.ok) throw new Error(setup.message);
const settings = setup.value.settings;

describe('describeSettingsChanges', () => {
  it('names only what changed, old → new', () => {
    const patch = { paymentTermsDays: 30, vatRatesBp: [2500, 0], billingProcess: 'automatic' as const, supportEmail: 'post@fjordside.no' };
    expect(changedSettings(settings, patch)).toEqual(['paymentTermsDays', 'vatRatesBp', 'supportEmail']);
    expect(inEnglish(describeSettingsChanges(settings, patch)!)).toBe(
      'Payment terms: 14 days → 30 days; VAT rates: 25%, 15%, 12%, 0% → 25%, 0%; Support email: (empty) → "post@fjordside.no"',
    );
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const inBokmal = 'Betalingsfrist: 14 dager → 30 dager; Mva-satser: 25 %, 15 %, 12 %, 0 % → 25 %, 0 %; E-post for henvendelser: (tom) → «post@fjordside.no»';
    expect(nb.t(describeSettingsChanges(settings, patch)!).replace(/\s/g, ' ')).toBe(inBokmal);
    // Stored in the log, it reads back as the same Text (shallow enough for shared/i18n/stored-text.ts).
    const stored = summaryOf(activityEntry({ entity: 'settings', entityId: settings.id, action: 'settings.updated', summary: describeSettingsChanges(settings, patch)!, at: settings.createdAt, by: 'st', deskId: TEST_DESK }));
    expect(typeof stored === 'string' ? stored : nb.t(stored).replace(/\s/g, ' ')).toBe(inBokmal);
  });

  it('says nothing for a save that changes nothing', () => {
    expect(changedSettings(settings, { paymentTermsDays: 14, vatRatesBp: [...settings.vatRatesBp] })).toEqual([]);
    expect(describeSettingsChanges(settings, {})).toBeNull();
  });

  it('fits the activity log', () => {
    const summary = describeSettingsChanges(settings, { address: 'a'.repeat(300), clinicName: 'b'.repeat(120), senderName: 'c'.repeat(120) })!;
    const entry = activityEntry({ entity: 'settings', entityId: settings.id, action: 'settings.updated', summary, at: settings.createdAt, by: 'st', deskId: TEST_DESK });
    expect(entry.summary.length).toBe(500);
    expect(entry.summary.startsWith('Address: (empty) → "aaa')).toBe(true);
  });
});
