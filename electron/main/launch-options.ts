/**
 * What the desk was started with: command-line flags and environment. Pure (no
 * 'electron' import): used by electron/main/index.ts and by tests in plain Node.
 */
import type { DemoRequest } from '../services/main-services.js';

/** The clinic sync server this desk replicates with; unset means standalone. */
export const SYNC_URL_ENV = 'FRONTDESK_SYNC_URL';
export const DEMO_FLAG = '--demo';

export interface LaunchOptions {
  demo: DemoRequest | null;
  syncServerUrl: string | null;
}

/** Throws an Error a person can act on when the configuration is wrong. */
export function launchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchOptions {
  const raw = env[SYNC_URL_ENV]?.trim() ?? '';
  let syncServerUrl: string | null = null;
  if (raw !== '') {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`${SYNC_URL_ENV} is not a web address: "${raw}". Use e.g. https://sync.example-clinic.no`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      throw new Error(`${SYNC_URL_ENV} must start with https:// (or http:// on the clinic network), not ${u.protocol}//`);
    }
    syncServerUrl = u.href;
  }
  return { demo: argv.includes(DEMO_FLAG) ? {} : null, syncServerUrl };
}
