/**
 * Sign in by choosing who you are. The signed-in staff member is recorded on every
 * change and their permissions are checked here and by the sync server.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { readSignedInStaff, SessionContext, writeSignedInStaff, type Session } from '../../app/session.js';
import { useLiveQuery } from '../../data/live-query.js';
import { FullPageMessage } from '../../ui/FullPageMessage.js';

export function SignInGate({ children }: { children: ReactNode }) {
  const { db } = useDesk();
  const [staffId, setStaffId] = useState(readSignedInStaff);
  const staff = useLiveQuery(() => db.staff.find({ selector: { active: true }, sort: [{ sortKey: 'asc' }] }), [db]);
  const signedIn = staff?.find((s) => s.id === staffId) ?? (staff?.length === 1 ? staff[0] : undefined);
  const session = useMemo<Session | null>(() => (signedIn ? {
    staff: signedIn,
    signOut: () => { writeSignedInStaff(null); setStaffId(null); },
  } : null), [signedIn]);

  if (staff === undefined) return <FullPageMessage title="Opening the desk…" busy />;
  if (session) {
    if (readSignedInStaff() !== session.staff.id) writeSignedInStaff(session.staff.id);
    return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  }
  return (
    <main className="setup" id="main">
      <section className="setup__card" aria-labelledby="signin-title">
        <h1 id="signin-title">Who is at the desk?</h1>
        <p className="muted">Choose your name. Your changes are recorded in your name.</p>
        {staff.length === 0 ? <p role="alert">There are no active staff members on this desk yet.</p> : (
          <ul className="signin-list">
            {staff.map((s) => (
              <li key={s.id}>
                <button type="button" className="button signin-button" onClick={() => { writeSignedInStaff(s.id); setStaffId(s.id); }}>
                  <span className="signin-dot" style={{ background: s.color }} aria-hidden="true" />
                  <span>{s.name}</span>
                  <span className="muted">{s.roles.join(', ')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
