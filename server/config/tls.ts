/**
 * HTTPS for a server the clinic opens to its network (docs/decisions/0020-server-hardening.md;
 * README "The sync server on the clinic's network"): FRONTDESK_TLS_KEY_FILE and
 * FRONTDESK_TLS_CERT_FILE name a PEM key and its certificate (chain). Both or neither: one alone,
 * a file that cannot be read, or a key that does not fit its certificate stops the server
 * before it listens, with a message saying which. Imported by server/standalone.ts.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

export const TLS_KEY_ENV = 'FRONTDESK_TLS_KEY_FILE';
export const TLS_CERT_ENV = 'FRONTDESK_TLS_CERT_FILE';

export interface TlsFiles {
  readonly key: Buffer;
  readonly cert: Buffer;
}

async function readPem(file: string, variable: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message;
    throw new Error(`The TLS ${what} file ${file} (${variable}) cannot be read: ${reason}.`, { cause: err });
  }
}

/** The key and certificate the environment names, or null for plain HTTP. */
export async function tlsFromEnv(env: NodeJS.ProcessEnv): Promise<TlsFiles | null> {
  const keyFile = env[TLS_KEY_ENV]?.trim() || '';
  const certFile = env[TLS_CERT_ENV]?.trim() || '';
  if (!keyFile && !certFile) return null;
  if (!keyFile || !certFile) {
    const [given, missing] = keyFile ? [TLS_KEY_ENV, TLS_CERT_ENV] : [TLS_CERT_ENV, TLS_KEY_ENV];
    throw new Error(`${given} is set but ${missing} is not. Set both (the private key and its certificate) to serve HTTPS, or neither for plain HTTP on this computer only.`);
  }
  const files = { key: await readPem(keyFile, TLS_KEY_ENV, 'key'), cert: await readPem(certFile, TLS_CERT_ENV, 'certificate') };
  try {
    createSecureContext(files);
  } catch (err) {
    throw new Error(`The TLS key ${keyFile} and certificate ${certFile} cannot be used together (${(err as Error).message}). Both must be PEM files, and the certificate must be the one made for this key.`, { cause: err });
  }
  return files;
}
