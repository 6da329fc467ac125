/**
 * The signed-in staff member changes their own PIN or password: the current one first (main
 * checks it and counts wrong tries, docs/decisions/0023-staff-sign-in.md), then the new one,
 * twice, under the same rule as a first choice.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { minPasswordLength, newSecretProblem, pinAllowed, PIN_MIN_DIGITS, type SecretKind } from '../../../shared/domain/staff-secret.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { Field } from '../../ui/Field.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { useForm } from '../../ui/use-form.js';
import { SecretKindChoice } from './SecretForms.js';

export function ChangeSecretDialog({ staff, onClose, onChanged }: { staff: StaffDoc; onClose: () => void; onChanged: () => void }) {
  const { main } = useDesk();
  const mayUsePin = pinAllowed(staff.roles);
  const currentWhat = staff.secret?.kind === 'pin' ? 'PIN' : 'password';
  const form = useForm({ current: '', kind: mayUsePin && staff.secret?.kind === 'pin' ? 'pin' : 'password', secret: '', repeat: '' });
  const kind = form.values.kind as SecretKind;
  const what = kind === 'pin' ? 'PIN' : 'password';
  const hint = kind === 'pin' ? `${PIN_MIN_DIGITS} to 12 digits, not all the same or in a row.` : `At least ${minPasswordLength(staff.roles)} characters.`;
  return (
    <FormDialog title="Change your PIN or password" onClose={onClose} submitLabel={`Change ${what}`} busyLabel="Changing…" busy={form.busy}
      formLabel="Change your PIN or password"
      onSubmit={() => void form.submit(async (v) => {
        const checked = newSecretProblem(staff.roles, kind, v.secret);
        if (!checked.ok) throw new RefusedError({ ...checked, field: 'secret' });
        if (v.repeat !== v.secret) throw new RefusedError({ ok: false, message: `The two ${what}s are not the same. Type it again.`, field: 'repeat' });
        try {
          await main.invoke('staff.changeSecret', { staffId: staff.id, current: v.current, kind, secret: v.secret });
        } catch (err) {
          form.setValues((x) => ({ ...x, current: '' }));
          throw new RefusedError({ ok: false, message: err instanceof Error ? err.message : String(err), field: 'current' });
        }
        onChanged();
      })}>
      <Field label={`Your current ${currentWhat}`} error={form.fieldError('current')}>
        <input {...form.bind('current')} type="password" inputMode={currentWhat === 'PIN' ? 'numeric' : undefined} autoComplete="current-password" />
      </Field>
      {mayUsePin && <SecretKindChoice kind={kind} onChange={(k) => form.setValues((x) => ({ ...x, kind: k }))} />}
      <Field label={kind === 'pin' ? 'New PIN' : 'New password'} error={form.fieldError('secret')} hint={hint}>
        <input {...form.bind('secret')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" />
      </Field>
      <Field label={kind === 'pin' ? 'The new PIN again' : 'The new password again'} error={form.fieldError('repeat')}>
        <input {...form.bind('repeat')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" />
      </Field>
      {form.formError && <p role="alert" className="form-error">{form.formError}</p>}
    </FormDialog>
  );
}

/** The sidebar's link that opens it, and what it says once done. */
export function ChangeSecretButton({ staff }: { staff: StaffDoc }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => { setDone(false); setOpen(true); }}>Change PIN or password</button>
      {done && <p role="status" className="sidebar__note">Your {staff.secret?.kind === 'pin' ? 'PIN' : 'password'} is changed.</p>}
      {open && <ChangeSecretDialog staff={staff} onClose={() => setOpen(false)} onChanged={() => { setOpen(false); setDone(true); }} />}
    </>
  );
}
