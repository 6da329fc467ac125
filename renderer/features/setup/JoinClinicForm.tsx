/**
 * A new desk joins its clinic: the sync server's address and a one-time enrolment
 * code from an admin (Settings → Sync on a desk already in the clinic).
 */
import { useDesk } from '../../app/desk-context.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';
import { checkServerAddress } from '../../../shared/domain/server-address.js';
import { useT } from '../../app/language.js';

export function JoinClinicForm() {
  const { main } = useDesk();
  const { t } = useT();
  const form = useForm({ serverUrl: '', code: '', deskName: '' });
  return (
    <form
      aria-label={t('join.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          const address = checkServerAddress(v.serverUrl);
          if (!address.ok) throw new RefusedError(address);
          if (!v.code.trim()) throw new RefusedError(refuse('join.codeMissing', 'code'));
          await main.invoke('sync.enroll', { serverUrl: address.value, code: v.code.trim(), deviceName: v.deskName.trim() || t('join.defaultDeskName') });
          // The page's connect-src allows the sync server only after a reload.
          location.reload();
        });
      }}
    >
      <p className="muted">{t('join.askAdmin')}</p>
      <Field label={t('syncUi.serverAddress')} error={form.fieldError('serverUrl')} hint={t('syncUi.serverAddressHint')}>
        <input {...form.bind('serverUrl')} inputMode="url" autoComplete="off" autoFocus />
      </Field>
      <Field label={t('join.code')} error={form.fieldError('code')}>
        <input {...form.bind('code')} autoComplete="off" autoCapitalize="characters" />
      </Field>
      <Field label={t('join.deskName')} error={form.fieldError('deskName')} hint={t('join.deskNameHint')}>
        <input {...form.bind('deskName')} autoComplete="off" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{t(form.busy ? 'join.joining' : 'join.submit')}</button>
      </div>
    </form>
  );
}
