import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { setPaymentProvider, updatePaymentSettings } from './payment-settings-commands.js';
import type { PaymentSettingsInput } from '../domain/payment-settings-input.js';

let db: ClinicDatabase;
let admin: string;
let reception: string;
const ctx = (actor: string) => ({ actor, synced: false, desk: TEST_DESK, now: '2026-11-21T10:00:00.000Z' });
const INPUT: PaymentSettingsInput = {
  linkLifetimeHours: '12', emailCost: '0.03', smsSegmentCost: '0.06', messageVat: '25', reminderAfterDueDays: '10', secondReminderAfterDays: '14',
  finalNoticeAfterDays: '14', finalNoticeGivesDays: '21', reminderFee: '35', notifyClinicOnPayment: true,
};

beforeEach(async () => { ({ db, admin, reception } = await openTestClinic('payment-settings')); });
afterEach(async () => { await db.close(); });

describe('payment settings commands', () => {
  it('saves a valid set for an admin', async () => {
    await updatePaymentSettings(db, INPUT, ctx(admin));
    expect((await db.settings.findOne('clinic').exec())!).toMatchObject({ linkLifetimeHours: 12, emailCostMinor: 3, reminderAfterDueDays: 10, finalNoticeGivesDays: 21, reminderFeeMinor: 3500, notifyClinicOnPayment: true });
  });

  it('refuses reception, and a bad field, writing nothing', async () => {
    const before = (await db.settings.findOne('clinic').exec())!.toMutableJSON();
    await expect(updatePaymentSettings(db, INPUT, ctx(reception))).rejects.toThrow('Rita Resepsjon does not have the admin permission needed to change the payment link and reminder settings. Ask someone with admin rights.');
    await expect(updatePaymentSettings(db, { ...INPUT, finalNoticeGivesDays: '7' }, ctx(admin))).rejects.toMatchObject({ field: 'finalNoticeGivesDays' });
    await expect(setPaymentProvider(db, 'stripe', true, ctx(reception))).rejects.toThrow(/does not have the admin permission/);
    expect((await db.settings.findOne('clinic').exec())!.toMutableJSON()).toEqual(before);
  });
});
