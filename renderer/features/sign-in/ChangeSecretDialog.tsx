/**
 * The signed-in staff member changes their own PIN or password: the current one first (main
 * checks it and counts wrong tries, docs/decisions/0023-staff-sign-in.md), then the new one,
 * twice, under the same rule as a first choice.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';
import { newSecretProblem, pinAllowed, type SecretKind } from '../../../shared/domain/staff-secret.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { Field } from '../../ui/Field.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { useForm } from '../../ui/use-form.js';
import { newSecretHint, SecretKindChoice } from './SecretForms.js';
import { useT } from '../../app/language.js';

export function ChangeSecretDialog({ staff, onClose, onChanged }: { staff: StaffDoc; onClose: () => void; onChanged: () => void }) {
  const { main } = useDesk();
  const mayUsePin = pinAllowed(staff.roles);
  const translator = useT();
  const { t } = translator;
  const currentKind: SecretKind = staff.secret?.kind === 'pin' ? 'pin' : 'password';
  const form = useForm({ current: '', kind: mayUsePin && staff.secret?.kind === 'pin' ? 'pin' : 'password', secret: '', repeat: '' });
  const kind = form.values.kind as SecretKind;
  const hint = newSecretHint(translator, kind, staff.roles);
  return (
    <FormDialog title={t('secretUi.changeTitle')} onClose={onClose} submitLabel={t('secretUi.changeSubmit', { kind })} busyLabel={t('secretUi.changing')} busy={form.busy}
      formLabel={t('secretUi.changeTitle')}
      onSubmit={() => void form.submit(async (v) => {
        const checked = newSecretProblem(staff.roles, kind, v.secret);
        if (!checked.ok) throw new RefusedError({ ...checked, field: 'secret' });
        if (v.repeat !== v.secret) throw new RefusedError(refuse('secretUi.notTheSame', { kind }, 'repeat'));
        try {
          await main.invoke('staff.changeSecret', { staffId: staff.id, current: v.current, kind, secret: v.secret });
        } catch (err) {
          form.setValues((x) => ({ ...x, current: '' }));
          throw new RefusedError(refuse(textOfError(err), 'current'));
        }
        onChanged();
      })}>
      <Field label={t('secretUi.yourCurrent', { kind: currentKind })} error={form.fieldError('current')}>
        <input {...form.bind('current')} type="password" inputMode={currentKind === 'pin' ? 'numeric' : undefined} autoComplete="current-password" />
      </Field>
      {mayUsePin && <SecretKindChoice kind={kind} onChange={(k) => form.setValues((x) => ({ ...x, kind: k }))} />}
      <Field label={t('secretUi.new', { kind })} error={form.fieldError('secret')} hint={hint}>
        <input {...form.bind('secret')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" />
      </Field>
      <Field label={t('secretUi.newAgain', { kind })} error={form.fieldError('repeat')}>
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
  const { t } = useT();
  return (
    <>
      <button type="button" className="link-button" onClick={() => { setDone(false); setOpen(true); }}>{t('secretUi.changeLink')}</button>
      {done && <p role="status" className="sidebar__note">{t('secretUi.changed', { kind: staff.secret?.kind === 'pin' ? 'pin' : 'password' })}</p>}
      {open && <ChangeSecretDialog staff={staff} onClose={() => setOpen(false)} onChanged={() => { setOpen(false); setDone(true); }} />}
    </>
  );
}
