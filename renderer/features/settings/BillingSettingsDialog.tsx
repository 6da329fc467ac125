/**
 * Edit the clinic's billing: process, draft invoices in manual mode, the default
 * alternative payment method, when the payment link goes out, payment terms and VAT
 * rates. The data layer checks everything again and refuses non-admins.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { updateClinicSettings } from '../../../shared/db/settings-commands.js';
import { vatRateListText } from '../../../shared/domain/clinic-settings.js';
import type { ClinicSettingsDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { ALT_METHOD_CHOICES, LINK_CHOICES, PROCESS_CHOICES } from './billing-labels.js';
import { Checkbox, ChoiceGroup } from './controls.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

export function BillingSettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const ctx = useDeskActor();
  const form = useForm({
    billingProcess: settings.billingProcess as string,
    manualCreateDraft: settings.manualCreateDraft ? 'yes' : 'no',
    defaultAltPaymentMethod: settings.defaultAltPaymentMethod as string,
    linkTiming: settings.linkTiming as string,
    linkDelayMinutes: String(settings.linkDelayMinutes),
    paymentTermsDays: String(settings.paymentTermsDays),
    vatRates: vatRateListText(settings.vatRatesBp),
  });
  const set = (name: keyof typeof form.values, value: string) => form.setValues((v) => ({ ...v, [name]: value }));

  return (
    <FormDialog
      title="Edit billing settings"
      onClose={onClose}
      submitLabel="Save billing settings"
      busy={form.busy}
      formLabel="Billing settings"
      onSubmit={() => {
        void form.submit(async (v) => {
          await updateClinicSettings(db, { billing: { ...v, manualCreateDraft: v.manualCreateDraft === 'yes' } }, ctx);
        }).then((saved) => { if (saved) onSaved(); });
      }}
    >
      <ChoiceGroup
        legend="Billing process"
        name="billingProcess"
        choices={PROCESS_CHOICES}
        selected={[form.values.billingProcess as ClinicSettingsDoc['billingProcess']]}
        onChange={([value]) => set('billingProcess', value!)}
        error={form.fieldError('billingProcess')}
      />
      {form.values.billingProcess === 'manual' && (
        <Checkbox
          name="manualCreateDraft"
          label="Create draft invoice automatically"
          hint="When off, new bookings are billed outside the app (externally billed)."
          checked={form.values.manualCreateDraft === 'yes'}
          onChange={(on) => set('manualCreateDraft', on ? 'yes' : 'no')}
          error={form.fieldError('manualCreateDraft')}
        />
      )}
      <Field label="Default alternative payment method" hint="Chosen first when a client pays at the desk." error={form.fieldError('defaultAltPaymentMethod')}>
        <select {...form.bind('defaultAltPaymentMethod')}>
          {ALT_METHOD_CHOICES.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
        </select>
      </Field>
      <ChoiceGroup
        legend="Send payment link"
        name="linkTiming"
        choices={LINK_CHOICES}
        selected={[form.values.linkTiming as ClinicSettingsDoc['linkTiming']]}
        onChange={([value]) => set('linkTiming', value!)}
        error={form.fieldError('linkTiming')}
      >
        {form.values.linkTiming === 'after_appointment' && (
          <Field label="Minutes after the appointment ends" error={form.fieldError('linkDelayMinutes')}>
            <input {...form.bind('linkDelayMinutes')} inputMode="numeric" autoComplete="off" className="input--short" />
          </Field>
        )}
      </ChoiceGroup>
      <Field label="Payment terms (days)" hint="Days from the invoice date until it is due." error={form.fieldError('paymentTermsDays')}>
        <input {...form.bind('paymentTermsDays')} inputMode="numeric" autoComplete="off" className="input--short" />
      </Field>
      <Field label="VAT rates" hint="Percentages separated by commas, like 25, 15, 12, 0. Invoice lines choose from these." error={form.fieldError('vatRates')}>
        <input {...form.bind('vatRates')} autoComplete="off" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </FormDialog>
  );
}
