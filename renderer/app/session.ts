/**
 * Who is signed in on this desk. The acting staff member is recorded on every write
 * and sent to the sync server, which checks their permissions. Kept in this profile's
 * localStorage: it is a choice of person, not a secret.
 */
import { createContext, useContext } from 'react';
import type { StaffDoc } from '../../shared/schemas/index.js';

const KEY = 'frontdesk.signedInStaff';

export function readSignedInStaff(): string | null {
  return localStorage.getItem(KEY);
}

export function writeSignedInStaff(staffId: string | null): void {
  if (staffId) localStorage.setItem(KEY, staffId);
  else localStorage.removeItem(KEY);
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
