/**
 * Everything the renderer may ask the main process, and every event main sends back:
 * the one place a channel name is written. The preload's allow-list, main's handler
 * table (typed so a missing handler fails to compile) and the renderer's client type
 * are all derived from these two objects. Importable from every runtime.
 */
import { event, noInput, request } from './define.js';

export type HostKind = 'electron' | 'browser-host';

export interface AppInfo {
  readonly version: string;
  readonly host: HostKind;
  /** Where main keeps its files (the renderer's data is in the browser profile). */
  readonly dataDir: string;
  /** Started with the demo flag: main seeds a demo clinic into an empty store. */
  readonly demo: boolean;
  /** The configured sync server, or null when this desk runs standalone. */
  readonly syncServerUrl: string | null;
}

export interface MainStatus {
  /** Main has the renderer's database open through remote storage. */
  readonly databaseConnected: boolean;
  /** Work main is doing that the desk should show, e.g. seeding the demo clinic. */
  readonly busy: string | null;
}

export const requests = {
  'app.info': request<AppInfo>()(noInput),
  'app.status': request<MainStatus>()(noInput),
} as const;

export const events = {
  'app.status': event<MainStatus>(),
} as const;
