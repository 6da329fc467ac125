/**
 * Sign in: choose your name, then type your PIN or password, which main checks
 * (docs/decisions/0023-staff-sign-in.md); the first time, choose one. Nothing else of the desk
 * shows until someone is signed in, and the idle lock brings this screen back.
 */
import { useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MainLinkContext, useDesk, useSettings } from '../../app/desk-context.js';
import { noteSignedInStaff, onSignInAnnounced, SessionContext, type Session } from '../../app/session.js';
import { useLiveQuery } from '../../data/live-query.js';
import { FullPageMessage } from '../../ui/FullPageMessage.js';
import { ROLE_LABELS } from '../../../shared/domain/staff.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { useIdleLock } from '../sign-in/idle-lock.js';
import { ChooseSecretForm, EnterSecretForm, type StrongerSecret } from '../sign-in/SecretForms.js';
import { useT } from '../../app/language.js';

export function SignInGate({ children }: { children: ReactNode }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const { t } = useT();
  // undefined: main has not answered yet.
  const [signedInId, setSignedInId] = useState<string | null | undefined>(undefined);
  const [chosen, setChosen] = useState<string | null>(null);
  const staff = useLiveQuery(() => db.staff.find({ selector: { active: true }, sort: [{ sortKey: 'asc' }] }), [db]);

  // Asked again when main signs someone in elsewhere: setup's first admin is signed in as
  // their password is stored, a moment after this screen appears. And asked again when the link
  // to main opens anew: a desk service that restarted has signed everyone out (decision 0023),
  // so this page must not go on showing someone as signed in whom main no longer acts for.
  const [asked, setAsked] = useState(0);
  const linkOpens = useContext(MainLinkContext);
  useEffect(() => onSignInAnnounced(() => setAsked((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    // Unanswered (the host went away mid-request): the first time, nobody; later, as it was until the link reopens and asks again.
    main.invoke('staff.current').then((id) => live && setSignedInId(id), () => live && setSignedInId((was) => (was === undefined ? null : was)));
    return () => { live = false; };
  }, [main, asked, linkOpens]);

  const signOut = useCallback(() => {
    setSignedInId(null);
    setChosen(null);
    void main.invoke('staff.signOut').catch(() => undefined);
  }, [main]);
  const signedIn = staff?.find((s) => s.id === signedInId);
  useIdleLock(signedIn !== undefined, settings.idleLockMinutes, signOut);
  const session = useMemo<Session | null>(() => (signedIn ? { staff: signedIn, signOut } : null), [signedIn, signOut]);
  useEffect(() => noteSignedInStaff(session?.staff.id ?? null), [session]);

  if (staff === undefined || signedInId === undefined) return <FullPageMessage title={t('signIn.opening')} busy />;
  if (session) return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  const person = staff.find((s) => s.id === chosen);
  return (
    <main className="setup" id="main">
      <section className="setup__card" aria-labelledby="signin-title">
        {person ? <SecretStep staff={person} onSignedIn={setSignedInId} onBack={() => setChosen(null)} /> : <ChooseName staff={staff} onChoose={setChosen} />}
      </section>
    </main>
  );
}

function ChooseName({ staff, onChoose }: { staff: StaffDoc[]; onChoose: (id: string) => void }) {
  const { t } = useT();
  return (
    <>
      <h1 id="signin-title">{t('signIn.whoIsHere')}</h1>
      <p className="muted">{t('signIn.chooseName')}</p>
      {staff.length === 0 ? <p role="alert">{t('signIn.noStaff')}</p> : (
        <ul className="signin-list">
          {staff.map((s) => (
            <li key={s.id}>
              <button type="button" className="button signin-button" onClick={() => onChoose(s.id)}>
                <span className="signin-dot" style={{ background: s.color }} aria-hidden="true" />
                <span>{s.name}</span>
                <span className="muted">{s.roles.map((r) => t(ROLE_LABELS[r])).join(', ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SecretStep({ staff, onSignedIn, onBack }: { staff: StaffDoc; onSignedIn: (id: string) => void; onBack: () => void }) {
  const [stronger, setStronger] = useState<StrongerSecret | undefined>(undefined);
  const { t } = useT();
  return (
    <>
      {staff.secret && !stronger
        ? <EnterSecretForm staff={staff} onSignedIn={onSignedIn} onChooseStronger={setStronger} />
        : <ChooseSecretForm staff={staff} onSignedIn={onSignedIn} stronger={stronger} />}
      <p><button type="button" className="link-button" onClick={onBack}>{t('signIn.notYou', { name: staff.name })}</button></p>
    </>
  );
}
