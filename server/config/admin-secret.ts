/**
 * The server's admin secret (needed to create a clinic): FRONTDESK_SERVER_SECRET when
 * set, else the one generated at first start and kept in "<data dir>/admin-secret"
 * (mode 0600, readable by the server's user only). Imported by server/main.ts and
 * server/embedded.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newAdminSecret } from '../auth/secrets.js';

export const SECRET_FILE = 'admin-secret';

/** The stored secret, creating it when missing; `created` tells the caller to show it once. */
export async function loadOrCreateAdminSecret(dataDir: string): Promise<{ secret: string; created: boolean; file: string }> {
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret) return { secret, created: false, file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = newAdminSecret();
  try {
    // 'wx': if another process just created it, use theirs instead of overwriting.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { secret: (await readFile(file, 'utf8')).trim(), created: false, file };
    throw err;
  }
  return { secret, created: true, file };
}
