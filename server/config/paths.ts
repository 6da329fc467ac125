/**
 * Where a stand-alone server keeps its files when FRONTDESK_SERVER_DATA_DIR is not set:
 * "<the desk's user-data folder>/server". defaultUserDataDir is a copy of
 * electron/services/paths.ts (server/ may not import electron/); keep the two alike.
 * Imported by server/main.ts.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Clinic Front Desk';
export const SERVER_DATA_DIR_ENV = 'FRONTDESK_SERVER_DATA_DIR';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), PRODUCT_NAME);
}

export function resolveServerDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SERVER_DATA_DIR_ENV];
  return override && override.trim() !== '' ? path.resolve(override) : path.join(defaultUserDataDir(env), 'server');
}
