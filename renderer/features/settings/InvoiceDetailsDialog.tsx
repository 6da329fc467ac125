/**
 * Edit what invoices and messages say about the clinic: its legal and display names,
 * organisation number, address, bank account, support email and sender name.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { updateClinicSettings } from '../../../shared/db/settings-commands.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

export function InvoiceDetailsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const ctx = useDeskActor();
  const form = useForm({
    clinicName: settings.clinicName,
    displayName: settings.displayName,
    organisationNumber: settings.organisationNumber,
    address: settings.address,
    bankAccount: settings.bankAccount,
    supportEmail: settings.supportEmail ?? '',
    senderName: settings.senderName ?? '',
  });

  return (
    <FormDialog
      title="Edit invoice details"
      onClose={onClose}
      submitLabel="Save invoice details"
      busy={form.busy}
      formLabel="Invoice details"
      onSubmit={() => {
        void form.submit(async (v) => {
          await updateClinicSettings(db, { invoiceDetails: v }, ctx);
        }).then((saved) => { if (saved) onSaved(); });
      }}
    >
      <Field label="Legal name" hint="The registered name, printed on invoices." error={form.fieldError('clinicName')}>
        <input {...form.bind('clinicName')} autoComplete="organization" autoFocus />
      </Field>
      <Field label="Display name" hint="The name staff and clients see day to day." error={form.fieldError('displayName')}>
        <input {...form.bind('displayName')} autoComplete="off" />
      </Field>
      <Field label="Organisation number" error={form.fieldError('organisationNumber')}>
        <input {...form.bind('organisationNumber')} autoComplete="off" />
      </Field>
      <Field label="Address" hint="Printed on one line on invoices." error={form.fieldError('address')}>
        <input {...form.bind('address')} autoComplete="street-address" />
      </Field>
      <Field label="Bank account" hint="Printed on invoices for clients who pay by bank transfer." error={form.fieldError('bankAccount')}>
        <input {...form.bind('bankAccount')} autoComplete="off" />
      </Field>
      <Field label="Support email" hint="Where clients can reply with questions." error={form.fieldError('supportEmail')}>
        <input {...form.bind('supportEmail')} type="email" autoComplete="off" />
      </Field>
      <Field label="Sender name" hint="Who emails and text messages to clients come from." error={form.fieldError('senderName')}>
        <input {...form.bind('senderName')} autoComplete="off" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </FormDialog>
  );
}
