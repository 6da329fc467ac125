/** FRONTDESK_TLS_KEY_FILE / FRONTDESK_TLS_CERT_FILE: both or neither, readable, and a pair. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinicCertificates, type ClinicCertificates } from '../test-support/tls-certs.js';
import { TLS_CERT_ENV, TLS_KEY_ENV, tlsFromEnv } from './tls.js';

describe('tlsFromEnv', () => {
  let dir: string;
  let certs: ClinicCertificates;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-tls-'));
    certs = await makeClinicCertificates(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is plain HTTP with neither, and the two files with both', async () => {
    expect(await tlsFromEnv({})).toBeNull();
    expect(await tlsFromEnv({ [TLS_KEY_ENV]: ' ', [TLS_CERT_ENV]: '' })).toBeNull();
    const files = await tlsFromEnv({ [TLS_KEY_ENV]: certs.keyFile, [TLS_CERT_ENV]: certs.certFile });
    expect(files?.key.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(files?.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('refuses one without the other, a file it cannot read and a key that is not the certificate\'s, saying which', async () => {
    const notPem = path.join(dir, 'not-pem.txt');
    await writeFile(notPem, 'hello');
    const cases: Array<[NodeJS.ProcessEnv, string]> = [
      [{ [TLS_KEY_ENV]: certs.keyFile }, 'FRONTDESK_TLS_KEY_FILE is set but FRONTDESK_TLS_CERT_FILE is not. Set both (the private key and its certificate) to serve HTTPS, or neither for plain HTTP on this computer only.'],
      [{ [TLS_CERT_ENV]: certs.certFile }, 'FRONTDESK_TLS_CERT_FILE is set but FRONTDESK_TLS_KEY_FILE is not.'],
      [{ [TLS_KEY_ENV]: path.join(dir, 'missing.key'), [TLS_CERT_ENV]: certs.certFile }, `The TLS key file ${path.join(dir, 'missing.key')} (FRONTDESK_TLS_KEY_FILE) cannot be read: there is no such file.`],
      [{ [TLS_KEY_ENV]: certs.keyFile, [TLS_CERT_ENV]: dir }, `The TLS certificate file ${dir} (FRONTDESK_TLS_CERT_FILE) cannot be read:`],
      [{ [TLS_KEY_ENV]: certs.otherKeyFile, [TLS_CERT_ENV]: certs.certFile }, `The TLS key ${certs.otherKeyFile} and certificate ${certs.certFile} cannot be used together (`],
      [{ [TLS_KEY_ENV]: certs.keyFile, [TLS_CERT_ENV]: notPem }, 'Both must be PEM files, and the certificate must be the one made for this key.'],
    ];
    for (const [env, message] of cases) {
      await expect(tlsFromEnv(env), JSON.stringify(env)).rejects.toThrow(message);
    }
  });
});
