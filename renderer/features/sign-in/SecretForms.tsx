/**
 * The two sign-in forms: type your PIN or password, or choose one the first time (after an
 * admin's reset too). Main checks and hashes (docs/decisions/0023-staff-sign-in.md); the
 * rule for a new secret is the shared one, so the form refuses what main would.
 */
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import type { SignInAnswer } from '../../../shared/contract/index.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';
import { minPasswordLength, newSecretProblem, pinAllowed, PIN_MIN_DIGITS, waitSpan, type SecretKind } from '../../../shared/domain/staff-secret.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { text, type Text } from '../../../shared/i18n/text.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';
import { useT } from '../../app/language.js';

interface FormProps {
  staff: StaffDoc;
  onSignedIn: (staffId: string) => void;
}

/** Main's go-ahead to replace a right but too weak secret (SignInAnswer's `stronger`). */
export type StrongerSecret = NonNullable<Extract<SignInAnswer, { outcome: 'choose_secret' }>['stronger']>;

interface EnterProps extends FormProps {
  /** Their secret was right but their roles now need a stronger one: they choose it next. */
  onChooseStronger: (stronger: StrongerSecret) => void;
}


/** Counts down a wait main asked for, so the form says when to try again. */
function useWait(): [number, (ms: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = window.setTimeout(() => setNow(Date.now()), 1000);
    return () => window.clearTimeout(timer);
  }, [until, now]);
  return [Math.max(0, until - now), (ms) => { const t = Date.now(); setNow(t); setUntil(t + ms); }];
}

function answerProblem(answer: SignInAnswer, kind: SecretKind, startWait: (ms: number) => void): Text | null {
  if (answer.outcome === 'signed_in' || answer.outcome === 'choose_secret') return null;
  if (answer.waitMs > 0) startWait(answer.waitMs);
  if (answer.outcome === 'wait') return text('secretUi.tooManyTries', { kind, wait: waitSpan(answer.waitMs) });
  return answer.waitMs > 0 ? text('secretUi.wrongWait', { kind, wait: waitSpan(answer.waitMs) }) : text('secretUi.wrong', { kind });
}

/** The rule for a new secret, as the field's hint. */
export function newSecretHint({ t }: Translator, kind: SecretKind, roles: StaffDoc['roles']): string {
  return kind === 'pin' ? t('secretUi.pinHint', { min: PIN_MIN_DIGITS }) : t('secretUi.passwordHint', { min: minPasswordLength(roles) });
}

/** PIN or password, for someone whose roles allow either. */
export function SecretKindChoice({ kind, onChange }: { kind: SecretKind; onChange: (kind: SecretKind) => void }) {
  const { t } = useT();
  return (
    <div className="radio-list" role="radiogroup" aria-label={t('secretUi.kindChoice')}>
      <label className="radio"><input type="radio" name="kind" value="pin" checked={kind === 'pin'} onChange={() => onChange('pin')} /><span>{t('secretUi.aPin')}</span></label>
      <label className="radio"><input type="radio" name="kind" value="password" checked={kind === 'password'} onChange={() => onChange('password')} /><span>{t('secretUi.aPassword')}</span></label>
    </div>
  );
}

export function EnterSecretForm({ staff, onSignedIn, onChooseStronger }: EnterProps) {
  const { main } = useDesk();
  const form = useForm({ secret: '' });
  const [wait, startWait] = useWait();
  const { t } = useT();
  const isPin = staff.secret?.kind === 'pin';
  const kind: SecretKind = isPin ? 'pin' : 'password';
  return (
    <form noValidate aria-label={t('signIn.submit')} onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const answer = await main.invoke('staff.signIn', { staffId: staff.id, secret: v.secret });
        if (answer.outcome === 'signed_in') return onSignedIn(answer.staffId);
        if (answer.outcome === 'choose_secret' && answer.stronger) return onChooseStronger(answer.stronger);
        form.setValues({ secret: '' });
        const problem = answerProblem(answer, kind, startWait) ?? text('secretUi.noneYet', { kind, name: staff.name });
        throw new RefusedError(refuse(problem, 'secret'));
      });
    }}>
      <h1 id="signin-title">{t('signIn.hello', { name: staff.name })}</h1>
      <Field label={t('secretUi.yours', { kind })} error={form.fieldError('secret')}>
        <input {...form.bind('secret')} type="password" inputMode={isPin ? 'numeric' : undefined} autoComplete="current-password" autoFocus />
      </Field>
      {form.formError && <p role="alert" className="form-error">{form.formError}</p>}
      <button type="submit" className="button button--primary" disabled={form.busy || wait > 0}>{wait > 0 ? t('signIn.wait', { wait: waitSpan(wait) }) : t('signIn.submit')}</button>
    </form>
  );
}

/** `stronger`: the old secret was right but no longer meets the rule for their roles. */
export function ChooseSecretForm({ staff, onSignedIn, stronger }: FormProps & { stronger?: StrongerSecret | undefined }) {
  const { main } = useDesk();
  const mayUsePin = pinAllowed(staff.roles);
  const form = useForm({ kind: mayUsePin ? 'pin' : 'password', secret: '', repeat: '' });
  const translator = useT();
  const { t } = translator;
  const kind = form.values.kind as SecretKind;
  const hint = newSecretHint(translator, kind, staff.roles);
  const pinAllowedNow = mayUsePin ? 'yes' : 'no';
  return (
    <form noValidate aria-label={t('signIn.chooseForm')} onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const checked = newSecretProblem(staff.roles, kind, v.secret);
        if (!checked.ok) throw new RefusedError(checked);
        if (v.repeat !== v.secret) throw new RefusedError(refuse('secretUi.notTheSame', { kind }, 'repeat'));
        const answer = await main.invoke('staff.chooseSecret', { staffId: staff.id, kind, secret: v.secret, ...(stronger ? { token: stronger.token } : {}) });
        if (answer.outcome === 'signed_in') onSignedIn(answer.staffId);
      });
    }}>
      <h1 id="signin-title">{stronger ? t('signIn.chooseNew', { pinAllowed: pinAllowedNow, name: staff.name }) : t('signIn.welcome', { name: staff.name })}</h1>
      {stronger && <p role="status">{t('signIn.stronger', { kind: staff.secret?.kind === 'pin' ? 'pin' : 'password', reason: stronger.reason })}</p>}
      <p className="muted">{t('signIn.chooseIntro', { pinAllowed: pinAllowedNow })}</p>
      {mayUsePin && <SecretKindChoice kind={kind} onChange={(k) => form.setValues((x) => ({ ...x, kind: k }))} />}
      <Field label={t('secretUi.new', { kind })} error={form.fieldError('secret')} hint={hint}>
        <input {...form.bind('secret')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" autoFocus />
      </Field>
      <Field label={t('secretUi.again', { kind })} error={form.fieldError('repeat')}>
        <input {...form.bind('repeat')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" />
      </Field>
      {form.formError && <p role="alert" className="form-error">{form.formError}</p>}
      <button type="submit" className="button button--primary" disabled={form.busy}>{t('signIn.submit')}</button>
    </form>
  );
}
