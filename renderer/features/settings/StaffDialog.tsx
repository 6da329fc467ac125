/**
 * Add a staff member, or change one: name, email, roles, whether they have a column in
 * the calendar, and (when changing) whether they are still active. The data layer
 * refuses non-admins and a change that would leave the clinic without an active admin.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { addStaff, updateStaff } from '../../../shared/db/staff-commands.js';
import { ROLE_LABELS } from '../../../shared/domain/staff.js';
import { STAFF_ROLES, type StaffDoc, type StaffRole } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { Checkbox, ChoiceGroup, type Choice } from './controls.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

const ROLE_HELP: Readonly<Record<StaffRole, string>> = {
  admin: 'Settings and staff, plus everything billing can do.',
  billing: 'Payments, invoices and payment links, plus bookings.',
  reception: 'Bookings and clients.',
  practitioner: 'Bookings and clients.',
};
const ROLE_CHOICES: readonly Choice<StaffRole>[] = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], help: ROLE_HELP[role] }));

/** `member` null: add a new staff member. */
/** An admin's reset: main takes the secret away; the person chooses a new one at their next sign-in. */
function ResetSecret({ member }: { member: StaffDoc }) {
  const { main } = useDesk();
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  if (!member.secret && !state.message) return <p className="muted">{member.name} chooses a PIN or password at their next sign-in.</p>;
  return (
    <div className="field">
      <button type="button" className="button" disabled={state.busy || !member.secret} onClick={() => {
        setState({ busy: true, message: null });
        main.invoke('staff.resetSecret', { staffId: member.id }).then(
          () => setState({ busy: false, message: `${member.name}'s PIN or password is reset. They choose a new one when they next sign in.` }),
          (err: unknown) => setState({ busy: false, message: err instanceof Error ? err.message : String(err) }),
        );
      }}>Reset PIN or password</button>
      {state.message && <p role="status">{state.message}</p>}
    </div>
  );
}

export function StaffDialog({ member, onClose, onSaved }: { member: StaffDoc | null; onClose: () => void; onSaved: (saved: StaffDoc) => void }) {
  const { db } = useDesk();
  const ctx = useDeskActor();
  // Roles travel as a space-separated list and yes/no as text: useForm holds strings.
  const form = useForm({
    name: member?.name ?? '',
    email: member?.email ?? '',
    roles: (member?.roles ?? []).join(' '),
    isPractitioner: member?.isPractitioner ? 'yes' : 'no',
    active: member && !member.active ? 'no' : 'yes',
  });
  const roles = form.values.roles.split(' ').filter(Boolean) as StaffRole[];
  const set = (name: keyof typeof form.values, value: string) => form.setValues((v) => ({ ...v, [name]: value }));

  return (
    <FormDialog
      title={member ? `Edit ${member.name}` : 'Add staff member'}
      onClose={onClose}
      submitLabel={member ? 'Save changes' : 'Add staff member'}
      busy={form.busy}
      formLabel={member ? `Edit ${member.name}` : 'Add staff member'}
      onSubmit={() => {
        let saved: StaffDoc | null = null;
        void form.submit(async (v) => {
          const input = { name: v.name, email: v.email, roles, isPractitioner: v.isPractitioner === 'yes', active: v.active === 'yes' };
          saved = member ? await updateStaff(db, member.id, input, ctx) : await addStaff(db, input, ctx);
        }).then((ok) => { if (ok && saved) onSaved(saved); });
      }}
    >
      <Field label="Name" hint="Shown when choosing who is at the desk." error={form.fieldError('name')}>
        <input {...form.bind('name')} autoComplete="off" autoFocus />
      </Field>
      <Field label="Email (optional)" error={form.fieldError('email')}>
        <input {...form.bind('email')} type="email" autoComplete="off" />
      </Field>
      <ChoiceGroup
        legend="Roles"
        name="roles"
        multiple
        choices={ROLE_CHOICES}
        selected={roles}
        onChange={(next) => set('roles', next.join(' '))}
        error={form.fieldError('roles')}
      />
      <Checkbox
        name="isPractitioner"
        label="Has a column in the calendar"
        hint="For staff who see clients; bookings are made in their column."
        checked={form.values.isPractitioner === 'yes'}
        onChange={(on) => set('isPractitioner', on ? 'yes' : 'no')}
        error={form.fieldError('isPractitioner')}
      />
      {member && (
        <Checkbox
          name="active"
          label="Active"
          hint="Staff who are no longer active cannot sign in; their past work keeps their name."
          checked={form.values.active === 'yes'}
          onChange={(on) => set('active', on ? 'yes' : 'no')}
          error={form.fieldError('active')}
        />
      )}
      {member && <ResetSecret member={member} />}
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
    </FormDialog>
  );
}
