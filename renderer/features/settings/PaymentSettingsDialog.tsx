/** Editing link lifetime, message prices and the chasing schedule (admins; the data layer checks it all). */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { updatePaymentSettings } from '../../../shared/db/payment-settings-commands.js';
import { minorToInput } from '../../../shared/domain/money.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';

export function PaymentSettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const cur = settings.currency;
  const form = useForm({
    linkLifetimeHours: String(settings.linkLifetimeHours), emailCost: minorToInput(settings.emailCostMinor, cur), smsSegmentCost: minorToInput(settings.smsSegmentCostMinor, cur),
    messageVat: String(settings.messageVatBp / 100), reminderAfterDueDays: String(settings.reminderAfterDueDays), secondReminderAfterDays: String(settings.secondReminderAfterDays),
    finalNoticeAfterDays: String(settings.finalNoticeAfterDays), finalNoticeGivesDays: String(settings.finalNoticeGivesDays), reminderFee: minorToInput(settings.reminderFeeMinor, cur),
    notifyClinicOnPayment: settings.notifyClinicOnPayment ? 'yes' : '',
  });
  const save = () => form.submit(async (v) => {
    await updatePaymentSettings(db, { ...v, notifyClinicOnPayment: v.notifyClinicOnPayment === 'yes' }, actor);
    onSaved();
  });
  const f = (name: Exclude<keyof typeof form.values, 'notifyClinicOnPayment'>, label: string, hint?: string) => (
    <Field label={label} error={form.fieldError(name)} {...(hint ? { hint } : {})}><input {...form.bind(name)} inputMode="decimal" /></Field>
  );
  return (
    <FormDialog title="Edit payment link and reminder settings" onClose={onClose} submitLabel="Save settings" busy={form.busy}
      formLabel="Payment link and reminder settings" onSubmit={() => { void save(); }}>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      {f('linkLifetimeHours', 'Payment link lifetime (hours)', 'A one-time link lapses this long after sending; 1 to 24.')}
      {f('emailCost', 'Email cost, excl. VAT')}
      {f('smsSegmentCost', 'SMS cost per segment, excl. VAT')}
      {f('messageVat', 'VAT on messages (%)')}
      {f('reminderAfterDueDays', 'Reminder, days after the due date')}
      {f('secondReminderAfterDays', 'Second reminder, days after the first')}
      {f('finalNoticeAfterDays', 'Final notice, days after the second reminder')}
      {f('finalNoticeGivesDays', 'Days the final notice gives before debt collection', 'At least 14.')}
      {f('reminderFee', 'Reminder fee', 'Charged with a reminder only where the rules allow it (14 days or more after the due date, at most twice); the reminder\'s link asks for it. 0 for none.')}
      <label className="checkbox">
        <input type="checkbox" checked={form.values.notifyClinicOnPayment === 'yes'} onChange={(e) => form.setValues((v) => ({ ...v, notifyClinicOnPayment: e.target.checked ? 'yes' : '' }))} />
        Email the clinic when a link is paid
      </label>
    </FormDialog>
  );
}
