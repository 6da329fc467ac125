/** Editing link lifetime, message prices and the chasing schedule (admins; the data layer checks it all). */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { updatePaymentSettings } from '../../../shared/db/payment-settings-commands.js';
import { minorToInput } from '../../../shared/domain/money.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { useT } from '../../app/language.js';
import type { MessageId } from '../../../shared/i18n/text.js';
import { withDecimalMark } from '../../ui/money-input.js';

export function PaymentSettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const { t, locale } = useT();
  const cur = settings.currency;
  // Amounts and the VAT rate are shown with the reader's decimal mark; the parsers take either.
  const mark = (plain: string) => withDecimalMark(plain, locale);
  const form = useForm({
    linkLifetimeHours: String(settings.linkLifetimeHours), emailCost: mark(minorToInput(settings.emailCostMinor, cur)), smsSegmentCost: mark(minorToInput(settings.smsSegmentCostMinor, cur)),
    messageVat: mark(String(settings.messageVatBp / 100)), reminderAfterDueDays: String(settings.reminderAfterDueDays), secondReminderAfterDays: String(settings.secondReminderAfterDays),
    finalNoticeAfterDays: String(settings.finalNoticeAfterDays), finalNoticeGivesDays: String(settings.finalNoticeGivesDays), reminderFee: mark(minorToInput(settings.reminderFeeMinor, cur)),
    notifyClinicOnPayment: settings.notifyClinicOnPayment ? 'yes' : '',
  });
  const save = () => form.submit(async (v) => {
    await updatePaymentSettings(db, { ...v, notifyClinicOnPayment: v.notifyClinicOnPayment === 'yes' }, actor);
    onSaved();
  });
  const f = (name: Exclude<keyof typeof form.values, 'notifyClinicOnPayment'>, label: MessageId, hint?: MessageId) => (
    <Field label={t(label)} error={form.fieldError(name)} {...(hint ? { hint: t(hint) } : {})}><input {...form.bind(name)} inputMode="decimal" /></Field>
  );
  return (
    <FormDialog title={t('messagesCard.edit')} onClose={onClose} submitLabel={t('messagesCard.dialog.save')} busy={form.busy}
      formLabel={t('messagesCard.dialog.formLabel')} onSubmit={() => { void save(); }}>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      {f('linkLifetimeHours', 'messagesCard.field.linkLifetime', 'messagesCard.field.linkLifetimeHint')}
      {f('emailCost', 'messagesCard.field.emailCost')}
      {f('smsSegmentCost', 'messagesCard.field.smsCost')}
      {f('messageVat', 'messagesCard.field.messageVat')}
      {f('reminderAfterDueDays', 'messagesCard.field.reminderAfterDue')}
      {f('secondReminderAfterDays', 'messagesCard.field.secondReminder')}
      {f('finalNoticeAfterDays', 'messagesCard.field.finalNotice')}
      {f('finalNoticeGivesDays', 'messagesCard.field.finalNoticeGives', 'messagesCard.field.finalNoticeGivesHint')}
      {f('reminderFee', 'messagesCard.field.reminderFee', 'messagesCard.field.reminderFeeHint')}
      <label className="checkbox">
        <input type="checkbox" checked={form.values.notifyClinicOnPayment === 'yes'} onChange={(e) => form.setValues((v) => ({ ...v, notifyClinicOnPayment: e.target.checked ? 'yes' : '' }))} />
        {t('messagesCard.field.notifyClinic')}
      </label>
    </FormDialog>
  );
}
