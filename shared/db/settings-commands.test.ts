import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLINIC_SETTINGS_ID, type ClinicSettingsDoc } from '../schemas/index.js';
import type { BillingSettingsInput, InvoiceDetailsInput } from '../domain/clinic-settings.js';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { updateClinicSettings } from './settings-commands.js';

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let reception: string;

const ctx = (actor = admin) => ({ actor, synced: false, desk: TEST_DESK, now: NOW });

const BILLING: BillingSettingsInput = {
  billingProcess: 'manual', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal',
  linkTiming: 'after_appointment', linkDelayMinutes: '15', paymentTermsDays: '14', vatRates: '25, 15, 12, 0',
};
const DETAILS: InvoiceDetailsInput = {
  clinicName: 'Fjordside Physio AS', displayName: 'Fjordside Physio', organisationNumber: '912 345 678',
  address: 'Strandgata 1, 5013 Bergen', bankAccount: '1503 12 34567', supportEmail: 'post@fjordside.no', senderName: 'Fjordside Physio', senderMode: 'clinic',
};

beforeEach(async () => {
  ({ db, admin, reception } = await openTestClinic('settings'));
});

afterEach(async () => {
  await db.close();
});

async function stored(): Promise<ClinicSettingsDoc> {
  return (await db.settings.findOne(CLINIC_SETTINGS_ID).exec())!.toMutableJSON();
}

async function settingsLog() {
  return (await db.activity.find({ selector: { entity: 'settings' } }).exec()).map((e) => e.toMutableJSON());
}

async function refusal(p: Promise<unknown>): Promise<RefusedError> {
  return p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => {
    expect(e).toBeInstanceOf(RefusedError);
    return e as RefusedError;
  });
}

describe('updateClinicSettings', () => {
  it('saves billing settings, records who and when, and logs what changed', async () => {
    const after = await updateClinicSettings(db, { billing: { ...BILLING, paymentTermsDays: '30', vatRates: '25, 12, 0', billingProcess: 'automatic' } }, ctx());
    expect(after).toMatchObject({ billingProcess: 'automatic', paymentTermsDays: 30, vatRatesBp: [2500, 1200, 0], updatedAt: NOW, updatedBy: admin });
    expect(await stored()).toEqual(after);
    const log = (await settingsLog()).filter((e) => e.action === 'settings.updated');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entityId: CLINIC_SETTINGS_ID, at: NOW, by: admin });
    expect(log[0]!.summary).toMatch(/^Billing process: Manual → Automatic; Payment terms: 14 days → 30 days; VAT rates: .+ → .+$/);
  });

  it('saves invoice details', async () => {
    const after = await updateClinicSettings(db, { invoiceDetails: DETAILS }, ctx());
    expect(after).toMatchObject({ ...DETAILS, updatedBy: admin });
    expect(await stored()).toMatchObject(DETAILS);
  });

  it('writes nothing when nothing changed', async () => {
    const before = await stored();
    await updateClinicSettings(db, { billing: BILLING }, ctx());
    expect(await stored()).toEqual(before);
    expect(await settingsLog()).toHaveLength(2); // only the setup and activation entries
  });

  it('refuses a receptionist with the exact message and writes nothing', async () => {
    const before = await stored();
    const err = await refusal(updateClinicSettings(db, { billing: { ...BILLING, paymentTermsDays: '30' } }, ctx(reception)));
    expect(err.message).toBe('Rita Resepsjon does not have the admin permission needed to change the clinic settings. Ask someone with admin rights.');
    expect(await stored()).toEqual(before);
    expect(await settingsLog()).toHaveLength(2);
  });

  it('refuses an admin who is no longer active, and an unknown actor', async () => {
    await db.staff.findOne(admin).exec().then((d) => d!.incrementalPatch({ active: false }));
    expect((await refusal(updateClinicSettings(db, { invoiceDetails: DETAILS }, ctx()))).message)
      .toBe('Astrid Solberg is no longer active at the clinic and cannot change the clinic settings.');
    expect((await refusal(updateClinicSettings(db, { invoiceDetails: DETAILS }, ctx('')))).message)
      .toBe('Sign in as a member of staff to change the clinic settings.');
    expect(await stored()).not.toMatchObject({ clinicName: DETAILS.clinicName });
  });

  it('refuses bad input on its field and writes nothing — not even the valid card saved with it', async () => {
    const before = await stored();
    const cases: [Parameters<typeof updateClinicSettings>[1], string][] = [
      [{ billing: { ...BILLING, paymentTermsDays: '-3' } }, 'paymentTermsDays'],
      [{ billing: { ...BILLING, vatRates: '' } }, 'vatRates'],
      [{ billing: { ...BILLING, vatRates: '25, 25' } }, 'vatRates'],
      [{ billing: { ...BILLING, linkDelayMinutes: '20000' } }, 'linkDelayMinutes'],
      [{ invoiceDetails: { ...DETAILS, displayName: '' } }, 'displayName'],
      [{ invoiceDetails: { ...DETAILS, supportEmail: 'post@' } }, 'supportEmail'],
      [{ billing: { ...BILLING, paymentTermsDays: '30' }, invoiceDetails: { ...DETAILS, clinicName: ' ' } }, 'clinicName'],
    ];
    for (const [patch, field] of cases) {
      expect((await refusal(updateClinicSettings(db, patch, ctx()))).field, field).toBe(field);
    }
    expect(await stored()).toEqual(before);
    expect(await settingsLog()).toHaveLength(2);
  });
});
