/**
 * Where the desk keeps its files: the platform's user-data folder (the same folder
 * Electron's app.getPath('userData') gives for our product name), or the folder named
 * by FRONTDESK_DATA_DIR. Never the source tree. Node-only.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Clinic Front Desk';
export const DATA_DIR_ENV = 'FRONTDESK_DATA_DIR';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), PRODUCT_NAME);
}

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DATA_DIR_ENV];
  return override && override.trim() !== '' ? path.resolve(override) : defaultUserDataDir(env);
}
