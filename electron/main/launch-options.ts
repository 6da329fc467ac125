/**
 * What the desk was started with: command-line flags. Pure (no 'electron' import):
 * used by electron/main/index.ts and by tests in plain Node. The sync server a desk
 * uses is not a flag: it is the desk's enrolment (desk-sync.json in its data folder).
 */
import type { DemoRequest } from '../services/main-services.js';
import { staffName } from '../host/host-args.js';

export const DEMO_FLAG = '--demo';
const RESET_SECRET_FLAG = '--reset-secret=';

export interface LaunchOptions {
  demo: DemoRequest | null;
  /**
   * `--reset-secret="Staff Name"` with the new secret in FRONTDESK_NEW_SECRET: the only admin
   * forgot theirs (README "Signing in"); null otherwise.
   */
  recoverSecret: { name: string; secret: string } | null;
}

export function launchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): LaunchOptions {
  if (argv.includes('--reset-secret')) throw new Error('Write --reset-secret="Staff Name" (with =), and the new PIN or password in FRONTDESK_NEW_SECRET.');
  const reset = argv.find((a) => a.startsWith(RESET_SECRET_FLAG));
  let recoverSecret: LaunchOptions['recoverSecret'] = null;
  if (reset !== undefined) {
    const secret = env.FRONTDESK_NEW_SECRET ?? '';
    if (secret === '') throw new Error('--reset-secret needs the new PIN or password in the FRONTDESK_NEW_SECRET environment variable.');
    recoverSecret = { name: staffName(reset.slice(RESET_SECRET_FLAG.length)), secret };
  }
  return { demo: argv.includes(DEMO_FLAG) ? {} : null, recoverSecret };
}
