/**
 * A new desk joins its clinic: the sync server's address and a one-time enrolment
 * code from an admin (Settings → Sync on a desk already in the clinic).
 */
import { useDesk } from '../../app/desk-context.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { checkServerAddress } from '../../../shared/domain/server-address.js';

export function JoinClinicForm() {
  const { main } = useDesk();
  const form = useForm({ serverUrl: '', code: '', deskName: '' });
  return (
    <form
      aria-label="Join your clinic"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async (v) => {
          const address = checkServerAddress(v.serverUrl);
          if (!address.ok) throw new RefusedError(address);
          if (!v.code.trim()) throw new RefusedError({ ok: false, message: 'Enter the enrolment code an admin gave you.', field: 'code' });
          await main.invoke('sync.enroll', { serverUrl: address.value, code: v.code.trim(), deviceName: v.deskName.trim() || 'Front desk' });
          // The page's connect-src allows the sync server only after a reload.
          location.reload();
        });
      }}
    >
      <p className="muted">Ask an admin for a code: on a desk already in the clinic, Settings → Sync → “Create enrolment code”.</p>
      <Field label="Sync server address" error={form.fieldError('serverUrl')} hint="For example http://192.168.1.20:4318">
        <input {...form.bind('serverUrl')} inputMode="url" autoComplete="off" autoFocus />
      </Field>
      <Field label="Enrolment code" error={form.fieldError('code')}>
        <input {...form.bind('code')} autoComplete="off" autoCapitalize="characters" />
      </Field>
      <Field label="Name of this desk (optional)" error={form.fieldError('deskName')} hint="For example: Reception 2">
        <input {...form.bind('deskName')} autoComplete="off" />
      </Field>
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>{form.busy ? 'Joining…' : 'Join the clinic'}</button>
      </div>
    </form>
  );
}
