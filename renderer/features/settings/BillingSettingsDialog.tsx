/**
 * Edit the clinic's billing: process, draft invoices in manual mode, the default
 * alternative payment method, when the payment link goes out, payment terms and VAT
 * rates. The data layer checks everything again and refuses non-admins.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { updateClinicSettings } from '../../../shared/db/settings-commands.js';
import { vatRateListSeparator, vatRateListText } from '../../../shared/domain/clinic-settings.js';
import { decimalMark } from '../../ui/money-input.js';
import type { ClinicSettingsDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { altMethodChoices, linkChoices, processChoices } from './billing-labels.js';
import { Checkbox, ChoiceGroup } from './controls.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';

export function BillingSettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const ctx = useDeskActor();
  const translator = useT();
  const { t } = translator;
  // The list as typed in this locale: "25; 12,5" where the decimal mark is a comma.
  const decimal = decimalMark(translator.locale) === ',' ? ',' : '.';
  const form = useForm({
    billingProcess: settings.billingProcess as string,
    manualCreateDraft: settings.manualCreateDraft ? 'yes' : 'no',
    defaultAltPaymentMethod: settings.defaultAltPaymentMethod as string,
    linkTiming: settings.linkTiming as string,
    linkDelayMinutes: String(settings.linkDelayMinutes),
    paymentTermsDays: String(settings.paymentTermsDays),
    vatRates: vatRateListText(settings.vatRatesBp, decimal),
  });
  const set = (name: keyof typeof form.values, value: string) => form.setValues((v) => ({ ...v, [name]: value }));

  return (
    <FormDialog
      title={t('billing.card.edit')}
      onClose={onClose}
      submitLabel={t('billing.dialog.save')}
      busy={form.busy}
      formLabel={t('billing.dialog.formLabel')}
      onSubmit={() => {
        void form.submit(async (v) => {
          await updateClinicSettings(db, { billing: { ...v, manualCreateDraft: v.manualCreateDraft === 'yes' } }, ctx);
        }).then((saved) => { if (saved) onSaved(); });
      }}
    >
      <ChoiceGroup
        legend={t('billing.process.label')}
        name="billingProcess"
        choices={processChoices(translator)}
        selected={[form.values.billingProcess as ClinicSettingsDoc['billingProcess']]}
        onChange={([value]) => set('billingProcess', value!)}
        error={form.fieldError('billingProcess')}
      />
      {form.values.billingProcess === 'manual' && (
        <Checkbox
          name="manualCreateDraft"
          label={t('billing.manualCreateDraft.label')}
          hint={t('billing.manualCreateDraft.hint')}
          checked={form.values.manualCreateDraft === 'yes'}
          onChange={(on) => set('manualCreateDraft', on ? 'yes' : 'no')}
          error={form.fieldError('manualCreateDraft')}
        />
      )}
      <Field label={t('billing.altMethod.label')} hint={t('billing.altMethod.hint')} error={form.fieldError('defaultAltPaymentMethod')}>
        <select {...form.bind('defaultAltPaymentMethod')}>
          {altMethodChoices(translator).map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
        </select>
      </Field>
      <ChoiceGroup
        legend={t('billing.linkTiming.label')}
        name="linkTiming"
        choices={linkChoices(translator)}
        selected={[form.values.linkTiming as ClinicSettingsDoc['linkTiming']]}
        onChange={([value]) => set('linkTiming', value!)}
        error={form.fieldError('linkTiming')}
      >
        {form.values.linkTiming === 'after_appointment' && (
          <Field label={t('billing.linkDelay.label')} error={form.fieldError('linkDelayMinutes')}>
            <input {...form.bind('linkDelayMinutes')} inputMode="numeric" autoComplete="off" className="input--short" />
          </Field>
        )}
      </ChoiceGroup>
      <Field label={t('billing.paymentTerms.field')} hint={t('billing.paymentTerms.hint')} error={form.fieldError('paymentTermsDays')}>
        <input {...form.bind('paymentTermsDays')} inputMode="numeric" autoComplete="off" className="input--short" />
      </Field>
      <Field label={t('billing.vatRates.label')} hint={t('billing.vatRates.hint', { separator: vatRateListSeparator(decimal) })} error={form.fieldError('vatRates')}>
        <input {...form.bind('vatRates')} autoComplete="off" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </FormDialog>
  );
}
