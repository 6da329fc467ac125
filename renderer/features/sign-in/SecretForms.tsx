/**
 * The two sign-in forms: type your PIN or password, or choose one the first time (after an
 * admin's reset too). Main checks and hashes (docs/decisions/0023-staff-sign-in.md); the
 * rule for a new secret is the shared one, so the form refuses what main would.
 */
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import type { SignInAnswer } from '../../../shared/contract/index.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { minPasswordLength, newSecretProblem, pinAllowed, PIN_MIN_DIGITS, waitText, type SecretKind } from '../../../shared/domain/staff-secret.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { Field } from '../../ui/Field.js';
import { useForm } from '../../ui/use-form.js';

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

function answerProblem(answer: SignInAnswer, what: string, startWait: (ms: number) => void): string | null {
  if (answer.outcome === 'signed_in' || answer.outcome === 'choose_secret') return null;
  if (answer.waitMs > 0) startWait(answer.waitMs);
  if (answer.outcome === 'wait') return `Too many wrong tries. Wait ${waitText(answer.waitMs)}, then try again, or ask an admin to reset your ${what}.`;
  return answer.waitMs > 0 ? `That ${what} is not right. Wait ${waitText(answer.waitMs)} before the next try.` : `That ${what} is not right. Try again.`;
}

/** PIN or password, for someone whose roles allow either. */
export function SecretKindChoice({ kind, onChange }: { kind: SecretKind; onChange: (kind: SecretKind) => void }) {
  return (
    <div className="radio-list" role="radiogroup" aria-label="Sign in with">
      <label className="radio"><input type="radio" name="kind" value="pin" checked={kind === 'pin'} onChange={() => onChange('pin')} /><span>A PIN</span></label>
      <label className="radio"><input type="radio" name="kind" value="password" checked={kind === 'password'} onChange={() => onChange('password')} /><span>A password</span></label>
    </div>
  );
}

export function EnterSecretForm({ staff, onSignedIn, onChooseStronger }: EnterProps) {
  const { main } = useDesk();
  const form = useForm({ secret: '' });
  const [wait, startWait] = useWait();
  const isPin = staff.secret?.kind === 'pin';
  const what = isPin ? 'PIN' : 'password';
  return (
    <form noValidate aria-label="Sign in" onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const answer = await main.invoke('staff.signIn', { staffId: staff.id, secret: v.secret });
        if (answer.outcome === 'signed_in') return onSignedIn(answer.staffId);
        if (answer.outcome === 'choose_secret' && answer.stronger) return onChooseStronger(answer.stronger);
        form.setValues({ secret: '' });
        const problem = answerProblem(answer, what, startWait) ?? `${staff.name} has no ${what} yet. Choose your name again.`;
        throw new RefusedError({ ok: false, message: problem, field: 'secret' });
      });
    }}>
      <h1 id="signin-title">Hello, {staff.name}</h1>
      <Field label={isPin ? 'Your PIN' : 'Your password'} error={form.fieldError('secret')}>
        <input {...form.bind('secret')} type="password" inputMode={isPin ? 'numeric' : undefined} autoComplete="current-password" autoFocus />
      </Field>
      {form.formError && <p role="alert" className="form-error">{form.formError}</p>}
      <button type="submit" className="button button--primary" disabled={form.busy || wait > 0}>{wait > 0 ? `Wait ${waitText(wait)}` : 'Sign in'}</button>
    </form>
  );
}

/** `stronger`: the old secret was right but no longer meets the rule for their roles. */
export function ChooseSecretForm({ staff, onSignedIn, stronger }: FormProps & { stronger?: StrongerSecret | undefined }) {
  const { main } = useDesk();
  const mayUsePin = pinAllowed(staff.roles);
  const form = useForm({ kind: mayUsePin ? 'pin' : 'password', secret: '', repeat: '' });
  const kind = form.values.kind as SecretKind;
  const what = kind === 'pin' ? 'PIN' : 'password';
  const hint = kind === 'pin' ? `${PIN_MIN_DIGITS} to 12 digits, not all the same or in a row.` : `At least ${minPasswordLength(staff.roles)} characters.`;
  return (
    <form noValidate aria-label="Choose your PIN or password" onSubmit={(e) => {
      e.preventDefault();
      void form.submit(async (v) => {
        const checked = newSecretProblem(staff.roles, kind, v.secret);
        if (!checked.ok) throw new RefusedError(checked);
        if (v.repeat !== v.secret) throw new RefusedError({ ok: false, message: `The two ${what}s are not the same. Type it again.`, field: 'repeat' });
        const answer = await main.invoke('staff.chooseSecret', { staffId: staff.id, kind, secret: v.secret, ...(stronger ? { token: stronger.token } : {}) });
        if (answer.outcome === 'signed_in') onSignedIn(answer.staffId);
      });
    }}>
      <h1 id="signin-title">{stronger ? `Choose a new ${mayUsePin ? 'PIN or password' : 'password'}, ${staff.name}` : `Welcome, ${staff.name}`}</h1>
      {stronger && <p role="status">Your {staff.secret?.kind === 'pin' ? 'PIN' : 'password'} was right, but it no longer signs you in: {stronger.reason} Choose a new one to go on.</p>}
      <p className="muted">Choose the {mayUsePin ? 'PIN or password' : 'password'} you will sign in with on every desk of the clinic. Keep it to yourself: your changes are recorded in your name.</p>
      {mayUsePin && <SecretKindChoice kind={kind} onChange={(k) => form.setValues((x) => ({ ...x, kind: k }))} />}
      <Field label={kind === 'pin' ? 'New PIN' : 'New password'} error={form.fieldError('secret')} hint={hint}>
        <input {...form.bind('secret')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" autoFocus />
      </Field>
      <Field label={kind === 'pin' ? 'The PIN again' : 'The password again'} error={form.fieldError('repeat')}>
        <input {...form.bind('repeat')} type="password" inputMode={kind === 'pin' ? 'numeric' : undefined} autoComplete="new-password" />
      </Field>
      {form.formError && <p role="alert" className="form-error">{form.formError}</p>}
      <button type="submit" className="button button--primary" disabled={form.busy}>Sign in</button>
    </form>
  );
}
