/** What every screen needs: the database, the clinic's settings and main's client. */
import { createContext, useContext } from 'react';
import type { AppInfo, DeskSyncConfig, MainClient, MainStatus } from '../../shared/contract/index.js';
import type { ClinicDatabase } from '../../shared/db/database.js';
import type { ClinicSettingsDoc } from '../../shared/schemas/index.js';

export interface Desk {
  db: ClinicDatabase;
  main: MainClient;
  info: AppInfo | null;
  /** This desk's sync server enrolment; null for a standalone desk. */
  syncConfig: DeskSyncConfig | null;
}

export const DeskContext = createContext<Desk | null>(null);
export const SettingsContext = createContext<ClinicSettingsDoc | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside DeskContext');
  return desk;
}

/** The clinic's settings; screens under the set-up gate can rely on them. */
export function useSettings(): ClinicSettingsDoc {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings before setup');
  return settings;
}

export interface Connection {
  online: boolean;
  mainConnected: boolean;
  mainStatus: MainStatus | null;
}
