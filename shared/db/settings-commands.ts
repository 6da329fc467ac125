/**
 * Saving Settings → Billing and Settings → Invoice details. The admin permission is
 * checked here, where the write happens (docs/design.md invariant 9), and every card in the
 * patch is checked before anything is written, so a refusal changes nothing (invariant 8).
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import {
  checkBillingSettings, checkInvoiceDetails, type BillingSettingsInput, type InvoiceDetailsInput,
} from '../domain/clinic-settings.js';
import { describeSettingsChanges } from '../domain/settings-changes.js';
import { refuse, RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

/** The cards being saved, as typed; a card left out keeps its stored values. */
export interface SettingsPatch {
  readonly billing?: BillingSettingsInput;
  readonly invoiceDetails?: InvoiceDetailsInput;
}

/** Checks and saves the patch; returns the settings as stored afterwards. */
export async function updateClinicSettings(db: ClinicDatabase, patch: SettingsPatch, ctx: DeskActor): Promise<ClinicSettingsDoc> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changeClinicSettings');
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
  const before = stored.toMutableJSON();

  let fields: Partial<ClinicSettingsDoc> = {};
  if (patch.billing) {
    const billing = checkBillingSettings(patch.billing, before);
    if (!billing.ok) throw new RefusedError(billing);
    fields = { ...fields, ...billing.value };
  }
  if (patch.invoiceDetails) {
    const details = checkInvoiceDetails(patch.invoiceDetails);
    if (!details.ok) throw new RefusedError(details);
    fields = { ...fields, ...details.value };
  }
  // A save that changes nothing leaves no trace: no new revision to sync, no log entry.
  const summary = describeSettingsChanges(before, fields);
  if (summary === null) return before;

  const after = await stored.incrementalPatch({ ...fields, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.updated', summary, ...factStamp(ctx),
  }));
  return after.toMutableJSON();
}
