/**
 * Edit what invoices and messages say about the clinic: its legal and display names,
 * organisation number, address, bank account, support email, sender name and who messages
 * come from (the clinic, or the staff member who sends them).
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { updateClinicSettings } from '../../../shared/db/settings-commands.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';
import { ChoiceGroup, type Choice } from './controls.js';

export function InvoiceDetailsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const ctx = useDeskActor();
  const { t } = useT();
  const form = useForm({
    clinicName: settings.clinicName,
    displayName: settings.displayName,
    organisationNumber: settings.organisationNumber,
    address: settings.address,
    bankAccount: settings.bankAccount,
    supportEmail: settings.supportEmail ?? '',
    senderName: settings.senderName ?? '',
    senderMode: settings.senderMode as string,
  });
  const senderModes: Choice<'clinic' | 'staff'>[] = [
    { value: 'clinic', label: t('settingsUi.invoiceDetails.senderModeClinic') },
    { value: 'staff', label: t('settingsUi.invoiceDetails.senderModeStaff') },
  ];

  return (
    <FormDialog
      title={t('settingsUi.invoiceDetails.edit')}
      onClose={onClose}
      submitLabel={t('settingsUi.invoiceDetails.save')}
      busy={form.busy}
      formLabel={t('settingsUi.invoiceDetails.title')}
      onSubmit={() => {
        void form.submit(async (v) => {
          await updateClinicSettings(db, { invoiceDetails: v }, ctx);
        }).then((saved) => { if (saved) onSaved(); });
      }}
    >
      <Field label={t('settingsUi.invoiceDetails.legalName')} hint={t('settingsUi.invoiceDetails.legalNameHint')} error={form.fieldError('clinicName')}>
        <input {...form.bind('clinicName')} autoComplete="organization" autoFocus />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.displayName')} hint={t('settingsUi.invoiceDetails.displayNameHint')} error={form.fieldError('displayName')}>
        <input {...form.bind('displayName')} autoComplete="off" />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.organisationNumber')} error={form.fieldError('organisationNumber')}>
        <input {...form.bind('organisationNumber')} autoComplete="off" />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.address')} hint={t('settingsUi.invoiceDetails.addressHint')} error={form.fieldError('address')}>
        <input {...form.bind('address')} autoComplete="street-address" />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.bankAccount')} hint={t('settingsUi.invoiceDetails.bankAccountHint')} error={form.fieldError('bankAccount')}>
        <input {...form.bind('bankAccount')} autoComplete="off" />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.supportEmail')} hint={t('settingsUi.invoiceDetails.supportEmailHint')} error={form.fieldError('supportEmail')}>
        <input {...form.bind('supportEmail')} type="email" autoComplete="off" />
      </Field>
      <Field label={t('settingsUi.invoiceDetails.senderName')} hint={t('settingsUi.invoiceDetails.senderNameHint')} error={form.fieldError('senderName')}>
        <input {...form.bind('senderName')} autoComplete="off" />
      </Field>
      <ChoiceGroup
        legend={t('settingsUi.invoiceDetails.senderMode')}
        name="senderMode"
        choices={senderModes}
        selected={[form.values.senderMode as 'clinic' | 'staff']}
        onChange={([mode]) => form.setValues((v) => ({ ...v, senderMode: mode ?? 'clinic' }))}
        error={form.fieldError('senderMode')}
      >
        <p className="field__hint">{t('settingsUi.invoiceDetails.senderModeHelp')}</p>
      </ChoiceGroup>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </FormDialog>
  );
}
