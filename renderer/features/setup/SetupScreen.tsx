/**
 * First run: the clinic, one practitioner and one service, in one short form. It runs before any
 * clinic exists, so it reads in the machine's language (renderer/app/language.tsx), and proposes
 * the machine's country (which gives the clinic its locale, so its language and formats) and
 * time zone.
 */
import { useMemo, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { announceSignIn } from '../../app/session.js';
import { CURRENCIES } from '../../../shared/domain/money.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';
import { checkSetup } from '../../../shared/domain/setup.js';
import { newSecretProblem, STRONG_PASSWORD_MIN_LENGTH } from '../../../shared/domain/staff-secret.js';
import { checkServerAddress } from '../../../shared/domain/server-address.js';
import { writeSetup } from '../../../shared/db/setup-commands.js';
import type { CreateClinicTarget } from '../../../shared/contract/index.js';
import { JoinClinicForm } from './JoinClinicForm.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { deskClock } from '../../app/desk-clock.js';
import { useT } from '../../app/language.js';
import { clinicLocaleFor, languageOfLocale, LOCALE_FOR_COUNTRY } from '../../../shared/i18n/locale.js';
import { CATALOGUES, isLanguage, LANGUAGES } from '../../../shared/i18n/catalogues/index.js';
import type { Translator } from '../../../shared/i18n/translator.js';

/** The zones offered, UTC among them: Intl's list names no "UTC", so a UTC machine got Africa/Abidjan. */
function timeZones(): string[] {
  const zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const offered = zones.length > 0 ? zones : ['Europe/Oslo', 'Europe/London', 'Europe/Stockholm', 'Europe/Copenhagen', 'Europe/Berlin', 'America/New_York'];
  return offered.includes('UTC') ? offered : [...offered, 'UTC'].sort();
}

/** The machine's time zone when it is offered; Oslo otherwise. */
function proposedTimeZone(zones: readonly string[]): string {
  const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return machine && zones.includes(machine) ? machine : 'Europe/Oslo';
}

/** The machine's country, from its preferred languages (`en-GB` is GB), when setup offers it; Norway otherwise. */
function proposedCountry(): string {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    let region: string | undefined;
    try { region = new Intl.Locale(tag).maximize().region; } catch { region = undefined; }
    if (region && region in LOCALE_FOR_COUNTRY) return region;
  }
  return 'NO';
}

/** The countries a clinic can be in (each gives its locale), named and sorted in the reader's language. */
function countries({ language }: Translator): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const collator = new Intl.Collator(language);
  return Object.keys(LOCALE_FOR_COUNTRY).map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

type SyncChoice = 'standalone' | 'embedded' | 'remote';

export function SetupScreen() {
  const [mode, setMode] = useState<'new' | 'join'>('new');
  const { t } = useT();
  return (
    <main className="setup" id="main">
      <div className="setup__card">
        <h1 id="setup-title">{t(mode === 'new' ? 'setupUi.title' : 'join.title')}</h1>
        <div className="setup__tabs" role="tablist" aria-label={t('setupUi.howToStart')}>
          <button type="button" role="tab" className="tabs__tab button-reset" aria-selected={mode === 'new'} onClick={() => setMode('new')}>{t('setupUi.tab.new')}</button>
          <button type="button" role="tab" className="tabs__tab button-reset" aria-selected={mode === 'join'} onClick={() => setMode('join')}>{t('setupUi.tab.join')}</button>
        </div>
        <div role="tabpanel" aria-labelledby="setup-title">
          {mode === 'new' ? <NewClinicForm /> : <JoinClinicForm />}
        </div>
      </div>
    </main>
  );
}

function NewClinicForm() {
  const { db, main, info } = useDesk();
  const translator = useT();
  const { t } = translator;
  const zones = useMemo(() => timeZones(), []);
  const form = useForm({
    clinicName: '',
    country: proposedCountry(),
    language: '',
    currency: 'NOK',
    timeZone: proposedTimeZone(zones),
    practitionerName: '',
    serviceName: '',
    duration: '45',
    price: '',
    vatRate: '0',
    sync: 'standalone' as SyncChoice,
    serverUrl: '',
    adminSecret: '',
    password: '',
    passwordRepeat: '',
  });

  async function setUp(v: typeof form.values): Promise<void> {
    const now = deskClock().toISOString();
    if (!info) throw new RefusedError(refuse('setupUi.notStarted'));
    const checked = checkSetup({
      clinicName: v.clinicName, currency: v.currency, timeZone: v.timeZone, practitionerName: v.practitionerName, locale: clinicLocaleFor(v.country, isLanguage(v.language) ? v.language : ''),
      service: { name: v.serviceName, durationMinutes: v.duration, price: v.price, vatRate: v.vatRate },
    }, now, info.deskId);
    if (!checked.ok) throw new RefusedError(checked);
    // The first admin's password, checked before anything is written (docs/decisions/0023-staff-sign-in.md).
    const password = newSecretProblem(checked.value.practitioner.roles, 'password', v.password);
    if (!password.ok) throw new RefusedError({ ...password, field: 'password' });
    if (v.passwordRepeat !== v.password) throw new RefusedError(refuse('secretUi.notTheSame', { kind: 'password' }, 'passwordRepeat'));
    if (v.sync !== 'standalone') {
      const address = v.sync === 'remote' ? checkServerAddress(v.serverUrl) : null;
      if (address && !address.ok) throw new RefusedError(address);
      const target: CreateClinicTarget = address?.ok ? { kind: 'remote', serverUrl: address.value, adminSecret: v.adminSecret.trim() } : { kind: 'embedded' };
      // The clinic exists on the server before anything is written here: a refusal leaves the desk untouched.
      await main.invoke('sync.createClinic', {
        clinicName: checked.value.settings.clinicName,
        admin: { ...checked.value.practitioner, _deleted: false },
        deviceName: t('setupUi.firstDeskName'),
        target,
      });
    }
    await writeSetup(db, checked.value, now);
    // Main hashes and stores the password, and signs the admin in. Should this fail, the
    // sign-in screen asks them to choose one: nothing of the setup is lost.
    await main.invoke('staff.chooseSecret', { staffId: checked.value.practitioner.id, kind: 'password', secret: password.value })
      .then(announceSignIn, (err: unknown) => console.warn('the first admin chooses a password at sign-in:', err instanceof Error ? err.message : String(err)));
    // The page's connect-src allows the new sync server only after a reload.
    if (v.sync !== 'standalone') location.reload();
  }

  return (
      <form
        aria-label={t('setupUi.title')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit(setUp);
        }}
      >
        <p className="muted">{t('setupUi.intro')}</p>
        <fieldset>
          <legend>{t('setupUi.clinic')}</legend>
          <Field label={t('setupUi.clinicName')} error={form.fieldError('clinicName')}>
            <input {...form.bind('clinicName')} autoComplete="organization" autoFocus />
          </Field>
          <Field label={t('setupUi.country')} hint={t('setupUi.countryHint')} error={form.fieldError('country')}>
            <select {...form.bind('country')}>
              {countries(translator).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </Field>
          <Field label={t('setupUi.language')} hint={t('setupUi.languageHint')} error={form.fieldError('language')}>
            <select {...form.bind('language')}>
              <option value="">{t('setupUi.countrysLanguage', { language: CATALOGUES[languageOfLocale(clinicLocaleFor(form.values.country, ''))]['language.name'] })}</option>
              {LANGUAGES.map((code) => <option key={code} value={code} lang={code}>{CATALOGUES[code]['language.name']}</option>)}
            </select>
          </Field>
          <div className="field-row">
            <Field label={t('setupUi.currency')} error={form.fieldError('currency')}>
              <select {...form.bind('currency')}>
                {CURRENCIES.map((c) => <option key={c} value={c}>{t('setupUi.currencyName', { currency: c })}</option>)}
              </select>
            </Field>
            <Field label={t('setupUi.timeZone')} error={form.fieldError('timeZone')}>
              <select {...form.bind('timeZone')}>
                {zones.map((z) => <option key={z} value={z}>{z.replace(/_/g, ' ')}</option>)}
              </select>
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('setupUi.firstPractitioner')}</legend>
          <Field label={t('setupUi.practitionerName')} error={form.fieldError('practitionerName')}>
            <input {...form.bind('practitionerName')} autoComplete="name" />
          </Field>
          <p className="muted">{t('setupUi.firstAdmin')}</p>
          <Field label={t('setupUi.password')} error={form.fieldError('password')} hint={t('secretUi.passwordHint', { min: STRONG_PASSWORD_MIN_LENGTH })}>
            <input {...form.bind('password')} type="password" autoComplete="new-password" />
          </Field>
          <Field label={t('secretUi.again', { kind: 'password' })} error={form.fieldError('passwordRepeat')}>
            <input {...form.bind('passwordRepeat')} type="password" autoComplete="new-password" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('setupUi.firstService')}</legend>
          <Field label={t('setupUi.serviceName')} error={form.fieldError('serviceName')} hint={t('setupUi.serviceNameHint')}>
            <input {...form.bind('serviceName')} />
          </Field>
          <div className="field-row">
            <Field label={t('setupUi.duration')} error={form.fieldError('duration')}>
              <input {...form.bind('duration')} inputMode="numeric" />
            </Field>
            <Field label={t('setupUi.price', { currency: form.values.currency })} error={form.fieldError('price')}>
              <input {...form.bind('price')} inputMode="decimal" placeholder={t('setupUi.pricePlaceholder')} />
            </Field>
            <Field label={t('setupUi.vatRate')} error={form.fieldError('vatRate')}>
              <input {...form.bind('vatRate')} inputMode="decimal" />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('setupUi.otherDesks')}</legend>
          <div className="radio-list mode-choice">
            <label className="radio">
              <input type="radio" name="sync" value="standalone" checked={form.values.sync === 'standalone'} onChange={() => form.setValues((x) => ({ ...x, sync: 'standalone' }))} />
              <span>{t('setupUi.sync.standalone')}<span className="radio__help">{t('setupUi.sync.standaloneHelp')}</span></span>
            </label>
            <label className="radio">
              <input type="radio" name="sync" value="embedded" checked={form.values.sync === 'embedded'} onChange={() => form.setValues((x) => ({ ...x, sync: 'embedded' }))} />
              <span>{t('setupUi.sync.embedded')}<span className="radio__help">{t('setupUi.sync.embeddedHelp')}</span></span>
            </label>
            <label className="radio">
              <input type="radio" name="sync" value="remote" checked={form.values.sync === 'remote'} onChange={() => form.setValues((x) => ({ ...x, sync: 'remote' }))} />
              <span>{t('syncUi.useOwnServer')}<span className="radio__help">{t('setupUi.sync.remoteHelp')}</span></span>
            </label>
          </div>
          {form.values.sync === 'remote' && (
            <div className="field-row">
              <Field label={t('syncUi.serverAddress')} error={form.fieldError('serverUrl')} hint={t('syncUi.serverAddressHint')}>
                <input {...form.bind('serverUrl')} inputMode="url" autoComplete="off" />
              </Field>
              <Field label={t('syncUi.adminSecret')} error={form.fieldError('adminSecret')}>
                <input {...form.bind('adminSecret')} type="password" autoComplete="off" />
              </Field>
            </div>
          )}
        </fieldset>
        {form.formError && <p className="form-error" role="alert">{form.formError}</p>}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>{t(form.busy ? 'setupUi.settingUp' : 'setupUi.submit')}</button>
        </div>
      </form>
  );
}
