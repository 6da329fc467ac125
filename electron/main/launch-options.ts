/**
 * What the desk was started with: command-line flags. Pure (no 'electron' import):
 * used by electron/main/index.ts and by tests in plain Node. The sync server a desk
 * uses is not a flag: it is the desk's enrolment (desk-sync.json in its data folder).
 */
import type { DemoRequest } from '../services/main-services.js';

export const DEMO_FLAG = '--demo';

export interface LaunchOptions {
  demo: DemoRequest | null;
}

export function launchOptions(argv: readonly string[]): LaunchOptions {
  return { demo: argv.includes(DEMO_FLAG) ? {} : null };
}
