/**
 * Settings → Sync: connect this desk to a sync server (or host one), let another desk
 * join with a one-time code, see and revoke the clinic's desks, or leave.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useSession } from '../../app/session.js';
import { hasPermission } from '../../../shared/domain/permissions.js';
import type { DeviceInfo, EnrollmentCode } from '../../../shared/sync/protocol.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { checkServerAddress } from '../../../shared/domain/server-address.js';

export function SyncSettings() {
  const { syncConfig } = useDesk();
  return (
    <section className="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      {syncConfig ? <Connected /> : <Standalone />}
    </section>
  );
}

function Standalone() {
  const { main, db } = useDesk();
  const { staff } = useSession();
  const form = useForm({ kind: 'embedded', serverUrl: '', adminSecret: '' });
  if (!hasPermission(staff.roles, 'admin')) return <p>This desk works standalone. An admin can connect it to a sync server here.</p>;
  return (
    <form noValidate aria-label="Connect to a sync server" onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const address = v.kind === 'remote' ? checkServerAddress(v.serverUrl) : null;
        if (address && !address.ok) throw new RefusedError(address);
        const clinic = await db.settings.findOne('clinic').exec();
        await main.invoke('sync.createClinic', {
          clinicName: clinic?.clinicName ?? 'Clinic',
          admin: { ...staff, _deleted: false },
          deviceName: 'Front desk 1',
          target: address?.ok ? { kind: 'remote', serverUrl: address.value, adminSecret: v.adminSecret.trim() } : { kind: 'embedded' },
        });
        location.reload();
      });
    }}>
      <p>This desk works standalone. Connect it to let other desks share the clinic's data; everything on this desk goes to the server.</p>
      <div className="radio-list mode-choice">
        <label className="radio"><input type="radio" name="kind" value="embedded" checked={form.values.kind === 'embedded'} onChange={() => form.setValues((x) => ({ ...x, kind: 'embedded' }))} /><span>Host the sync server on this desk</span></label>
        <label className="radio"><input type="radio" name="kind" value="remote" checked={form.values.kind === 'remote'} onChange={() => form.setValues((x) => ({ ...x, kind: 'remote' }))} /><span>Use the clinic's own sync server</span></label>
      </div>
      {form.values.kind === 'remote' && (
        <>
          <Field label="Sync server address" error={form.fieldError('serverUrl')}><input {...form.bind('serverUrl')} autoComplete="off" /></Field>
          <Field label="Server admin secret" error={form.fieldError('adminSecret')}><input {...form.bind('adminSecret')} type="password" autoComplete="off" /></Field>
        </>
      )}
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      <div className="actions"><button type="submit" className="button button--primary" disabled={form.busy}>Connect</button></div>
    </form>
  );
}

function Connected() {
  const { main, syncConfig } = useDesk();
  const { staff } = useSession();
  const [code, setCode] = useState<EnrollmentCode | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isAdmin = hasPermission(staff.roles, 'admin');
  const run = (action: () => Promise<void>) => () => { setError(null); action().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err))); };
  const config = syncConfig!;

  return (
    <>
      <dl className="details">
        <dt>Sync server</dt><dd><code>{config.serverUrl}</code>{config.embedded ? ' (hosted on this desk)' : ''}</dd>
        <dt>This desk</dt><dd><code>{config.deviceId.slice(0, 8)}</code></dd>
      </dl>
      {isAdmin && (
        <div className="actions" style={{ justifyContent: 'flex-start' }}>
          <button type="button" className="button" onClick={run(async () => setCode(await main.invoke('sync.createEnrollmentCode', { staffId: staff.id })))}>Create enrolment code</button>
          <button type="button" className="button" onClick={run(async () => setDevices(await main.invoke('sync.devices', { staffId: staff.id })))}>Show the clinic's desks</button>
          {!config.embedded && (
            <button type="button" className="button" onClick={run(async () => {
              if (!confirm('Sign this desk out of the sync server? It keeps its data and works standalone.')) return;
              await main.invoke('sync.leave', { staffId: staff.id });
              location.reload();
            })}>Leave the sync server</button>
          )}
        </div>
      )}
      {code && (
        <div className="warning" role="status" style={{ marginTop: 12 }}>
          <p>On the new desk choose “Join a clinic”, enter <code>{config.serverUrl}</code> and this code:</p>
          <p className="code-display" data-testid="enrollment-code">{code.code}</p>
          <p className="muted">It works once, until {new Date(code.expiresAt).toLocaleString()}.</p>
        </div>
      )}
      {devices && (
        <ul className="devices" aria-label="The clinic's desks">
          {devices.map((d) => (
            <li key={d.id}>
              <span>{d.name}{d.id === config.deviceId ? ' (this desk)' : ''}{d.revokedAt ? ' — signed out' : ''}</span>
              {!d.revokedAt && d.id !== config.deviceId && (
                <button type="button" className="button" onClick={run(async () => {
                  await main.invoke('sync.revokeDevice', { staffId: staff.id, deviceId: d.id });
                  setDevices(await main.invoke('sync.devices', { staffId: staff.id }));
                })}>Sign out this desk</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </>
  );
}
