/**
 * New client and Edit client: name, email, phone, and an optional address and date of
 * birth. Both are checked by the same rule (shared/domain/clients.ts checkClient) in the
 * data layer, so an edit is refused exactly where creating would be.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { deskClock } from '../../app/desk-clock.js';
import { createClient, updateClient } from '../../../shared/db/client-commands.js';
import { clientInputOf } from '../../../shared/domain/clients.js';
import { localDateOf } from '../../../shared/domain/time.js';
import type { ClientDoc } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';

type ClientForm = ReturnType<typeof useForm<ReturnType<typeof clientInputOf>>>;

export function NewClientDialog({ onClose, onCreated, initialName = '' }: { onClose: () => void; onCreated: (client: ClientDoc) => void; initialName?: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const [first = '', ...rest] = initialName.trim().split(/\s+/);
  const form = useForm({ firstName: first, lastName: rest.join(' '), email: '', phone: '', address: '', dateOfBirth: '' });

  return (
    <FormDialog
      title="New client"
      onClose={onClose}
      submitLabel="Save client"
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
  const form = useForm(clientInputOf(client));

  return (
    <FormDialog
      title="Edit client details"
      onClose={onClose}
      submitLabel="Save changes"
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
  return (
    <>
      <div className="field-row">
        <Field label="First name" error={form.fieldError('firstName')}>
          <input {...form.bind('firstName')} autoComplete="off" />
        </Field>
        <Field label="Last name" error={form.fieldError('lastName')}>
          <input {...form.bind('lastName')} autoComplete="off" />
        </Field>
      </div>
      <Field label="Email" error={form.fieldError('email')} hint="Needed to send payment links by email.">
        <input {...form.bind('email')} type="email" autoComplete="off" />
      </Field>
      <Field label="Mobile phone" error={form.fieldError('phone')} hint="Needed to send payment links by SMS.">
        <input {...form.bind('phone')} type="tel" autoComplete="off" />
      </Field>
      <Field label="Address (optional)" error={form.fieldError('address')} hint="Printed on invoices.">
        <input {...form.bind('address')} autoComplete="off" />
      </Field>
      <Field label="Date of birth (optional)" error={form.fieldError('dateOfBirth')}>
        <input {...form.bind('dateOfBirth')} type="date" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </>
  );
}
