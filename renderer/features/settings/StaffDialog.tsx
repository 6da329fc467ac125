/**
 * Add a staff member, or change one: name, email, roles, whether they have a column in
 * the calendar, their screen language, and (when changing) whether they are still active. The data layer
 * refuses non-admins and a change that would leave the clinic without an active admin.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { addStaff, updateStaff } from '../../../shared/db/staff-commands.js';
import { ROLE_LABELS } from '../../../shared/domain/staff.js';
import { STAFF_ROLES, type StaffDoc, type StaffRole } from '../../../shared/schemas/index.js';
import { FormDialog } from '../../ui/FormDialog.js';
import { Field } from '../../ui/Field.js';
import { LanguageSelect } from '../../ui/LanguageSelect.js';
import { useForm } from '../../ui/use-form.js';
import { Checkbox, ChoiceGroup, type Choice } from './controls.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { text, type MessageId, type Text } from '../../../shared/i18n/text.js';
import type { Translator } from '../../../shared/i18n/translator.js';

const ROLE_HELP: Readonly<Record<StaffRole, MessageId>> = {
  admin: 'staffUi.roleHelp.admin',
  billing: 'staffUi.roleHelp.billing',
  reception: 'staffUi.roleHelp.reception',
  practitioner: 'staffUi.roleHelp.practitioner',
};
const roleChoices = ({ t }: Translator): readonly Choice<StaffRole>[] => STAFF_ROLES.map((role) => ({ value: role, label: t(ROLE_LABELS[role]), help: t(ROLE_HELP[role]) }));

/** `member` null: add a new staff member. */
/** An admin's reset: main takes the secret away; the person chooses a new one at their next sign-in. */
function ResetSecret({ member }: { member: StaffDoc }) {
  const { main } = useDesk();
  const { t } = useT();
  const [state, setState] = useState<{ busy: boolean; message: Text | null }>({ busy: false, message: null });
  if (!member.secret && !state.message) return <p className="muted">{t('staffUi.reset.noSecret', { name: member.name })}</p>;
  return (
    <div className="field">
      <button type="button" className="button" disabled={state.busy || !member.secret} onClick={() => {
        setState({ busy: true, message: null });
        main.invoke('staff.resetSecret', { staffId: member.id }).then(
          () => setState({ busy: false, message: text('staffUi.reset.done', { name: member.name }) }),
          (err: unknown) => setState({ busy: false, message: textOfError(err) }),
        );
      }}>{t('staffUi.reset.button')}</button>
      {state.message && <p role="status">{t(state.message)}</p>}
    </div>
  );
}

export function StaffDialog({ member, onClose, onSaved }: { member: StaffDoc | null; onClose: () => void; onSaved: (saved: StaffDoc) => void }) {
  const { db } = useDesk();
  const settings = useSettings();
  const ctx = useDeskActor();
  const translator = useT();
  const { t } = translator;
  // Roles travel as a space-separated list and yes/no as text: useForm holds strings.
  const form = useForm({
    name: member?.name ?? '',
    email: member?.email ?? '',
    roles: (member?.roles ?? []).join(' '),
    isPractitioner: member?.isPractitioner ? 'yes' : 'no',
    active: member && !member.active ? 'no' : 'yes',
    language: member?.language ?? '',
  });
  const roles = form.values.roles.split(' ').filter(Boolean) as StaffRole[];
  const set = (name: keyof typeof form.values, value: string) => form.setValues((v) => ({ ...v, [name]: value }));

  return (
    <FormDialog
      title={member ? t('staffUi.edit', { name: member.name }) : t('staffUi.add')}
      onClose={onClose}
      submitLabel={t(member ? 'staffUi.saveChanges' : 'staffUi.add')}
      busy={form.busy}
      formLabel={member ? t('staffUi.edit', { name: member.name }) : t('staffUi.add')}
      onSubmit={() => {
        let saved: StaffDoc | null = null;
        void form.submit(async (v) => {
          // An unchanged language is left out, so a code this desk does not know yet (from a newer
          // desk) is kept rather than refused.
          const languageChange = member && v.language === (member.language ?? '') ? {} : { language: v.language };
          const input = { name: v.name, email: v.email, roles, isPractitioner: v.isPractitioner === 'yes', active: v.active === 'yes', ...languageChange };
          saved = member ? await updateStaff(db, member.id, input, ctx) : await addStaff(db, input, ctx);
        }).then((ok) => { if (ok && saved) onSaved(saved); });
      }}
    >
      <Field label={t('staffUi.name')} hint={t('staffUi.nameHint')} error={form.fieldError('name')}>
        <input {...form.bind('name')} autoComplete="off" autoFocus />
      </Field>
      <Field label={t('staffUi.email')} error={form.fieldError('email')}>
        <input {...form.bind('email')} type="email" autoComplete="off" />
      </Field>
      <ChoiceGroup
        legend={t('staffUi.roles')}
        name="roles"
        multiple
        choices={roleChoices(translator)}
        selected={roles}
        onChange={(next) => set('roles', next.join(' '))}
        error={form.fieldError('roles')}
      />
      <Checkbox
        name="isPractitioner"
        label={t('staffUi.inCalendar')}
        hint={t('staffUi.inCalendarHint')}
        checked={form.values.isPractitioner === 'yes'}
        onChange={(on) => set('isPractitioner', on ? 'yes' : 'no')}
        error={form.fieldError('isPractitioner')}
      />
      <Field label={t('staffUi.language')} hint={t('staffUi.languageHint')} error={form.fieldError('language')}>
        <LanguageSelect name="language" value={form.values.language} clinicLocale={settings.locale} onChange={(language) => set('language', language)} />
      </Field>
      {member && (
        <Checkbox
          name="active"
          label={t('staffUi.active')}
          hint={t('staffUi.activeHint')}
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
