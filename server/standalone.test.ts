/**
 * `npm run server` as main.ts starts it: the admin secret only in its owner-only file (never
 * printed or logged), HTTPS with the clinic's own CA, and a wrong TLS setting that stops the
 * server before it writes anything.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../shared/sync/protocol.js';
import { TLS_CERT_ENV, TLS_KEY_ENV } from './config/tls.js';
import { startStandaloneServer, type StandaloneOutput } from './standalone.js';
import { staffDoc } from './test-support/docs.js';
import { notPrivate } from './test-support/file-modes.js';
import { httpsStatus, makeClinicCertificates, type ClinicCertificates } from './test-support/tls-certs.js';

const runNode = promisify(execFile);

function capture() {
  const printed: string[] = [];
  const logged: string[] = [];
  const output: StandaloneOutput = { print: (t) => printed.push(t), logStream: { write: (l) => { logged.push(l); } } };
  return { output, printed: () => printed.join(''), logged: () => logged.join('') };
}

const createClinic = (url: string, secret: string) => fetch(new URL(ROUTES.clinics, url), {
  method: 'POST',
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
  body: JSON.stringify({ clinicId: 'standalone-clinic', clinicName: 'Fjord', admin: staffDoc('st-a', 'Astrid', ['admin']), deviceName: 'Desk 1', deskId: 'desk-standalone-1' }),
});

describe('startStandaloneServer', () => {
  let root: string;
  let certs: ClinicCertificates;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-standalone-'));
    certs = await makeClinicCertificates(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const env = (dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PORT: '0', HOST: '127.0.0.1', FRONTDESK_SERVER_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extra });

  it('keeps the admin secret in a 0600 file in a private data folder: the output and the log say only where it is', async () => {
    const dataDir = path.join(root, 'secret');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const first = capture();
    const server = await startStandaloneServer(env(dataDir), first.output);
    const file = path.join(dataDir, 'admin-secret');
    let secret: string;
    try {
      secret = (await readFile(file, 'utf8')).trim();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await notPrivate(dataDir)).toEqual([]);
      // A request carrying the secret is logged too, without it.
      expect((await createClinic(server.url, secret)).status).toBe(201);
      expect((await createClinic(server.url, `${secret}x`)).status).toBe(401);
    } finally {
      await server.close();
    }
    expect(first.printed()).toContain(file);
    expect(first.logged()).toContain(`"adminSecretFile":"${file}"`);
    expect(first.logged()).toMatch(/"url":"\/v1\/clinics"/);
    expect(first.printed() + first.logged()).not.toContain(secret);

    const again = capture();
    const restarted = await startStandaloneServer(env(dataDir), again.output);
    await restarted.close();
    expect(again.printed()).toBe('');
    expect(again.logged()).toContain(`"adminSecretFile":"${file}"`);
    expect(again.logged()).not.toContain(secret);
  });

  it('serves HTTPS with the clinic\'s key and certificate, which a desk trusts through the clinic\'s CA; a given secret is neither logged nor filed', async () => {
    const dataDir = path.join(root, 'tls');
    const secret = 'given-secret-7b2f0c1e9d4a';
    const out = capture();
    const server = await startStandaloneServer(env(dataDir, { [TLS_KEY_ENV]: certs.keyFile, [TLS_CERT_ENV]: certs.certFile, FRONTDESK_SERVER_SECRET: secret }), out.output);
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = new URL(ROUTES.health, server.url).toString();
      expect(await httpsStatus(health, await readFile(certs.caFile))).toBe(200);
      // Without the clinic's CA the certificate is refused: the connection is really checked.
      await expect(httpsStatus(health)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
      // What README tells the clinic for the desk's main process (Node's fetch: account calls, send claims).
      const probe = ['--input-type=module', '-e', 'const r = await fetch(process.argv[1]); process.stdout.write(String(r.status));', health];
      const trusted = await runNode(process.execPath, probe, { env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile } });
      expect(trusted.stdout).toBe('200');
      const { NODE_EXTRA_CA_CERTS: _unused, ...withoutCa } = process.env;
      await expect(runNode(process.execPath, probe, { env: withoutCa })).rejects.toMatchObject({ stderr: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|fetch failed/) });
    } finally {
      await server.close();
    }
    expect(existsSync(path.join(dataDir, 'admin-secret'))).toBe(false);
    expect(out.logged()).toContain('"tls":true');
    expect(out.printed() + out.logged()).not.toContain(secret);
  });

  it('refuses to start with half a TLS setting and writes nothing', async () => {
    const dataDir = path.join(root, 'half-tls');
    await expect(startStandaloneServer(env(dataDir, { [TLS_CERT_ENV]: certs.certFile }), capture().output)).rejects.toThrow('FRONTDESK_TLS_CERT_FILE is set but FRONTDESK_TLS_KEY_FILE is not.');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a port that is not one', async () => {
    await expect(startStandaloneServer(env(path.join(root, 'port'), { PORT: 'http' }), capture().output)).rejects.toThrow('PORT must be a port number, not "http"');
  });
});
