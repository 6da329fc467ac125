/**
 * Who is signed in on this desk: main decides (docs/decisions/0023-staff-sign-in.md) after a
 * PIN or password; the renderer holds the staff document main signed in, records them on
 * every write, and the sync server checks their permissions.
 */
import { createContext, useContext } from 'react';
import type { StaffDoc } from '../../shared/schemas/index.js';

let signedInStaff: string | null = null;

/** Who main has signed in, for the sync server's header (informational: the server judges the recorded actor). */
export function readSignedInStaff(): string | null {
  return signedInStaff;
}

/** Kept in step by the sign-in gate; never written anywhere else. */
export function noteSignedInStaff(staffId: string | null): void {
  signedInStaff = staffId;
}

const SIGNED_IN_ELSEWHERE = 'frontdesk:signed-in';

/** Main signed someone in outside the sign-in screen (setup's first admin): the screen asks main again. */
export function announceSignIn(): void {
  window.dispatchEvent(new Event(SIGNED_IN_ELSEWHERE));
}

export function onSignInAnnounced(listener: () => void): () => void {
  window.addEventListener(SIGNED_IN_ELSEWHERE, listener);
  return () => window.removeEventListener(SIGNED_IN_ELSEWHERE, listener);
}

export interface Session {
  staff: StaffDoc;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in desk');
  return session;
}
