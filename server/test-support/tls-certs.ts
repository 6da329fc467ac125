/**
 * A clinic's own certificate authority and a server certificate it signed for 127.0.0.1, made
 * with the openssl CLI the way README "The sync server on the clinic's network" tells a clinic
 * to; and a GET that trusts only a given CA. Imported by tests only.
 */
import { execFile } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClinicCertificates {
  /** The CA certificate desks are told to trust. */
  readonly caFile: string;
  readonly keyFile: string;
  readonly certFile: string;
  /** A key that is not the certificate's (for the refused-pair case). */
  readonly otherKeyFile: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function makeClinicCertificates(dir: string): Promise<ClinicCertificates> {
  const f = (name: string) => path.join(dir, name);
  await run('openssl', ['req', '-x509', ...EC, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '3650', '-subj', '/CN=Test Clinic CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await run('openssl', ['req', ...EC, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'extendedKeyUsage=serverAuth']);
  await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial',
    '-out', f('server.crt'), '-days', '825', '-copy_extensions', 'copyall']);
  await run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', f('other.key')]);
  return { caFile: f('ca.crt'), keyFile: f('server.key'), certFile: f('server.crt'), otherKeyFile: f('other.key') };
}

/** The status of a GET over HTTPS trusting only `ca` (Node's usual roots without it); rejects when TLS refuses. */
export function httpsStatus(url: string | URL, ca?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get(url, ca ? { ca } : {}, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
  });
}
