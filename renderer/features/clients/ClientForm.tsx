/**
 * New client and Edit client: name, email, phone, and an optional address and date of
 * birth. Both are checked by the same rule (shared/domain/clients.ts checkClient) in the
 * data layer, so an edit is refused exactly where creating would be.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { deskClock } from '../../app/desk-clock.js';
import { useT } from '../../app/language.js';
import { createClient, updateClient } from '../../../shared/db/client-commands.js';
import { clientInputOf } from '../../../shared/domain/clients.js';
import { localDateOf } from '../../../shared/domain/time.js';
import type { ClientDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { DateField } from '../../ui/DateField.js';
import { LanguageSelect } from '../../ui/LanguageSelect.js';

type ClientForm = ReturnType<typeof useForm<ReturnType<typeof clientInputOf>>>;

export function NewClientDialog({ onClose, onCreated, initialName = '' }: { onClose: () => void; onCreated: (client: ClientDoc) => void; initialName?: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const { t } = useT();
  const [first = '', ...rest] = initialName.trim().split(/\s+/);
  const form = useForm({ firstName: first, lastName: rest.join(' '), email: '', phone: '', address: '', dateOfBirth: '', language: '' });

  return (
    <FormDialog
      title={t('clientUi.newClient')}
      onClose={onClose}
      submitLabel={t('clientUi.saveClient')}
      busy={form.busy}
      onSubmit={() => {
        let created: ClientDoc | null = null;
        void form.submit(async (v) => {
          const now = deskClock();
          created = await createClient(db, v, localDateOf(now, settings.timeZone), { actor: actor.actor, desk: actor.desk, now: now.toISOString() });
        }).then((ok) => { if (ok && created) onCreated(created); });
      }}
    >
      <ClientFields form={form} />
    </FormDialog>
  );
}

export function EditClientDialog({ client, onClose }: { client: ClientDoc; onClose: () => void }) {
  const { db } = useDesk();
  const actor = useDeskActor();
  const { t } = useT();
  const form = useForm(clientInputOf(client));

  return (
    <FormDialog
      title={t('clientUi.editTitle')}
      onClose={onClose}
      submitLabel={t('clientUi.saveChanges')}
      busy={form.busy}
      onSubmit={() => {
        // A second Enter before the button turns busy finds nothing left to change (updateClient).
        void form.submit(async (v) => { await updateClient(db, client.id, v, actor); }).then((ok) => { if (ok) onClose(); });
      }}
    >
      <ClientFields form={form} />
    </FormDialog>
  );
}

function ClientFields({ form }: { form: ClientForm }) {
  const { t } = useT();
  const settings = useSettings();
  return (
    <>
      <div className="field-row">
        <Field label={t('clientUi.firstName')} error={form.fieldError('firstName')}>
          <input {...form.bind('firstName')} autoComplete="off" />
        </Field>
        <Field label={t('clientUi.lastName')} error={form.fieldError('lastName')}>
          <input {...form.bind('lastName')} autoComplete="off" />
        </Field>
      </div>
      <Field label={t('clientUi.email')} error={form.fieldError('email')} hint={t('clientUi.emailHint')}>
        <input {...form.bind('email')} type="email" autoComplete="off" />
      </Field>
      <Field label={t('clientUi.phone')} error={form.fieldError('phone')} hint={t('clientUi.phoneHint')}>
        <input {...form.bind('phone')} type="tel" autoComplete="off" />
      </Field>
      <Field label={t('clientUi.addressOptional')} error={form.fieldError('address')} hint={t('clientUi.addressHint')}>
        <input {...form.bind('address')} autoComplete="off" />
      </Field>
      <Field label={t('clientUi.language')} hint={t('clientUi.languageHint')} error={form.fieldError('language')}>
        <LanguageSelect name="language" value={form.values.language} clinicLocale={settings.locale} onChange={(v) => form.setValues((values) => ({ ...values, language: v }))} />
      </Field>
      <Field label={t('clientUi.dateOfBirthOptional')} error={form.fieldError('dateOfBirth')}>
        <DateField name="dateOfBirth" value={form.values.dateOfBirth} onChange={(v) => form.setValues((values) => ({ ...values, dateOfBirth: v }))} />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </>
  );
}
