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

/**
 * How many times the link to main has opened on this page. A new one after the first means
 * main may have restarted (browser host mode) and forgotten what it held, such as who is signed
 * in: what a screen asked main when it appeared, it asks again when this changes.
 */
export const MainLinkContext = createContext(0);
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
