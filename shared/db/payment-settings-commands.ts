/**
 * Payment settings commands (admins). Choosing how payment links are taken: the sandbox (a local pay page, no real money) or
 * Stripe. Admins only; Stripe only once its key is stored in main (the desk asks main
 * whether it is, since the key itself never reaches the renderer).
 */
import { CLINIC_SETTINGS_ID, type ClinicSettingsDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { refuse, RefusedError } from '../domain/result.js';
import { instantValue, text } from '../i18n/text.js';
import { checkActivation, paymentsActive, type ActivationFields, type ActivationInput } from '../domain/activation.js';
import { insertOnce, isRepeat, journaled, modifyAs, partId, readJournal } from './operations.js';
import { BILLING_LABELS } from '../domain/billing.js';
import { checkPaymentSettings, type PaymentSettingsInput } from '../domain/payment-settings-input.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

export async function setPaymentProvider(db: ClinicDatabase, provider: ClinicSettingsDoc['paymentProvider'], stripeKeyStored: boolean, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changePaymentProvider');
  if (provider === 'stripe' && !stripeKeyStored) throw new RefusedError(refuse('settings.refused.stripeKeyFirst'));
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
  if (stored.paymentProvider === provider) return;
  await stored.incrementalPatch({ paymentProvider: provider, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.provider',
    summary: text(provider === 'stripe' ? 'log.providerStripe' : 'log.providerSandbox'), ...factStamp(ctx),
  }));
}

/**
 * "Activate payments" (admins; shared/domain/activation.ts): records the moment, the billing
 * process and the payment provider in one write, once, and logs it. One command
 * (docs/decisions/0025-operations.md): the settings write is its commit point and the log
 * entry's id comes from the operation, so a double click, a retry or a replay after a crash
 * finishes the activation it began and logs it once; an activation by someone else first is
 * refused and writes nothing.
 */
export async function activatePayments(db: ClinicDatabase, input: ActivationInput, stripeKeyStored: boolean, ctx: DeskActor): Promise<ClinicSettingsDoc> {
  const args = { input: { billingProcess: input.billingProcess, provider: input.provider }, stripeKeyStored };
  return journaled(db, ctx, { command: 'activatePayments', args, commit: { collection: 'settings', id: CLINIC_SETTINGS_ID } }, async () => {
    await requirePermission(db, ctx.actor, 'admin', 'operation.activatePayments');
    const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
    const logId = partId(ctx, 'log');
    const log = (fields: ActivationFields) => insertOnce(db.activity, activityEntry({
      id: logId, entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.activated',
      summary: text('activation.log', { process: text(BILLING_LABELS[fields.billingProcess]), provider: fields.paymentProvider }), ...factStamp(ctx),
    }));
    // This operation's own activation, found again (a retry or a replay after its write): its
    // journal entry began at the moment it wrote, so only the log is left to write.
    const began = (await readJournal(db)).find((e) => e.operation === ctx.operation)?.startedAt;
    if (isRepeat(ctx, paymentsActive(stored) && stored.invoicingActivatedAt === began)) {
      await log(stored);
      return stored.toMutableJSON();
    }
    const checked = checkActivation(stored, input, stripeKeyStored, ctx.now);
    if (!checked.ok) throw new RefusedError(checked);
    const fields = checked.value;
    let activatedHere = false;
    const written = await modifyAs(ctx, stored)((current) => {
      // Decided again on the stored state (RxDB runs this again after a write conflict): another
      // tab or desk may have activated meanwhile, and theirs stands.
      activatedHere = !paymentsActive(current);
      return activatedHere ? { ...current, ...fields, ...changeStamp(ctx) } : current;
    });
    if (!activatedHere) throw new RefusedError(refuse('activation.refused.already', { since: instantValue(written.invoicingActivatedAt) }));
    await log(fields);
    return written.toMutableJSON();
  });
}

/** Link lifetime, message prices and the chasing schedule (admins). Nothing is written unless all of it is valid. */
export async function updatePaymentSettings(db: ClinicDatabase, input: PaymentSettingsInput, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changePaymentSettings');
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
  const checked = checkPaymentSettings(input, stored.currency);
  if (!checked.ok) throw new RefusedError(checked);
  await stored.incrementalPatch({ ...checked.value, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.payments', summary: text('log.paymentSettingsChanged'), ...factStamp(ctx),
  }));
}
