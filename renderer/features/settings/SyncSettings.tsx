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
import { useT } from '../../app/language.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import type { Text } from '../../../shared/i18n/text.js';
import { slot, withSlots } from '../../data/words.js';

export function SyncSettings() {
  const { syncConfig } = useDesk();
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('syncUi.title')}</h2>
      {syncConfig ? <Connected /> : <Standalone />}
    </section>
  );
}

function Standalone() {
  const { main, db } = useDesk();
  const { staff } = useSession();
  const form = useForm({ kind: 'embedded', serverUrl: '', adminSecret: '' });
  const { t } = useT();
  if (!hasPermission(staff.roles, 'admin')) return <p>{t('syncUi.standaloneNotAdmin')}</p>;
  return (
    <form noValidate aria-label={t('syncUi.connectForm')} onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const address = v.kind === 'remote' ? checkServerAddress(v.serverUrl) : null;
        if (address && !address.ok) throw new RefusedError(address);
        const clinic = await db.settings.findOne('clinic').exec();
        await main.invoke('sync.createClinic', {
          clinicName: clinic?.clinicName ?? t('syncUi.clinicFallback'),
          admin: { ...staff, _deleted: false },
          deviceName: t('setupUi.firstDeskName'),
          target: address?.ok ? { kind: 'remote', serverUrl: address.value, adminSecret: v.adminSecret.trim() } : { kind: 'embedded' },
        });
        location.reload();
      });
    }}>
      <p>{t('syncUi.standalone')}</p>
      <div className="radio-list mode-choice">
        <label className="radio"><input type="radio" name="kind" value="embedded" checked={form.values.kind === 'embedded'} onChange={() => form.setValues((x) => ({ ...x, kind: 'embedded' }))} /><span>{t('syncUi.hostHere')}</span></label>
        <label className="radio"><input type="radio" name="kind" value="remote" checked={form.values.kind === 'remote'} onChange={() => form.setValues((x) => ({ ...x, kind: 'remote' }))} /><span>{t('syncUi.useOwnServer')}</span></label>
      </div>
      {form.values.kind === 'remote' && (
        <>
          <Field label={t('syncUi.serverAddress')} error={form.fieldError('serverUrl')}><input {...form.bind('serverUrl')} autoComplete="off" /></Field>
          <Field label={t('syncUi.adminSecret')} error={form.fieldError('adminSecret')}><input {...form.bind('adminSecret')} type="password" autoComplete="off" /></Field>
        </>
      )}
      {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
      <div className="actions"><button type="submit" className="button button--primary" disabled={form.busy}>{t('syncUi.connect')}</button></div>
    </form>
  );
}

function Connected() {
  const { main, syncConfig } = useDesk();
  const { staff } = useSession();
  const [code, setCode] = useState<EnrollmentCode | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const { t, dateTime } = useT();
  const isAdmin = hasPermission(staff.roles, 'admin');
  const run = (action: () => Promise<void>) => () => { setError(null); action().catch((err: unknown) => setError(textOfError(err))); };
  const config = syncConfig!;

  return (
    <>
      <dl className="details">
        <dt>{t('syncUi.server')}</dt><dd><code>{config.serverUrl}</code>{config.embedded && <> {t('syncUi.hostedHere')}</>}</dd>
        <dt>{t('syncUi.thisDesk')}</dt><dd><code>{config.deviceId.slice(0, 8)}</code></dd>
      </dl>
      {isAdmin && (
        <div className="actions" style={{ justifyContent: 'flex-start' }}>
          <button type="button" className="button" onClick={run(async () => setCode(await main.invoke('sync.createEnrollmentCode', { staffId: staff.id })))}>{t('syncUi.createCode')}</button>
          <button type="button" className="button" onClick={run(async () => setDevices(await main.invoke('sync.devices', { staffId: staff.id })))}>{t('syncUi.showDesks')}</button>
          {!config.embedded && (
            <button type="button" className="button" onClick={run(async () => {
              if (!confirm(t('syncUi.leaveConfirm'))) return;
              await main.invoke('sync.leave', { staffId: staff.id });
              location.reload();
            })}>{t('syncUi.leave')}</button>
          )}
        </div>
      )}
      {code && (
        <div className="warning" role="status" style={{ marginTop: 12 }}>
          <p>{withSlots(t('syncUi.code.instructions', { address: slot('address') }), { address: <code>{config.serverUrl}</code> })}</p>
          <p className="code-display" data-testid="enrollment-code">{code.code}</p>
          <p className="muted">{t('syncUi.code.validUntil', { until: dateTime(code.expiresAt) })}</p>
        </div>
      )}
      {devices && (
        <ul className="devices" aria-label={t('syncUi.desks')}>
          {devices.map((d) => (
            <li key={d.id}>
              <span>{t('syncUi.desk', { name: d.name, here: d.id === config.deviceId ? 'yes' : 'no', revoked: d.revokedAt ? 'yes' : 'no' })}</span>
              {!d.revokedAt && d.id !== config.deviceId && (
                <button type="button" className="button" onClick={run(async () => {
                  await main.invoke('sync.revokeDevice', { staffId: staff.id, deviceId: d.id });
                  setDevices(await main.invoke('sync.devices', { staffId: staff.id }));
                })}>{t('syncUi.signOutDesk')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="form-error" role="alert">{t(error)}</p>}
    </>
  );
}
