/**
 * Staff PINs and passwords as slow salted hashes (docs/decisions/0023-staff-sign-in.md):
 * scrypt from node:crypto, a fresh 16-byte salt per secret, compared in constant time. The
 * hash is stored in the staff document so every desk can check it offline; its scheme string
 * travels with it and is parsed with bounds, because a synced document is input like any other
 * and an N of 2^30 would freeze main. Node-only; imported by electron/services/staff-auth.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface SecretHash {
  readonly scheme: string;
  readonly salt: string;
  readonly hash: string;
}

interface ScryptParams { readonly N: number; readonly r: number; readonly p: number }

/** About 60 ms on the benchmark machine: slow for a guesser with the file, quick for a receptionist. */
export const CURRENT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** The most a stored scheme may ask for; anything above is refused rather than computed. */
const LIMITS = { N: 2 ** 17, r: 16, p: 4 } as const;

const schemeOf = (p: ScryptParams) => `scrypt:N=${p.N},r=${p.r},p=${p.p}`;

/** The parameters a stored scheme names, or null when it is not one this desk will compute. */
export function parseScheme(scheme: string): ScryptParams | null {
  const m = /^scrypt:N=(\d{1,7}),r=(\d{1,2}),p=(\d)$/.exec(scheme);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > LIMITS.N || r < 1 || r > LIMITS.r || p < 1 || p > LIMITS.p) return null;
  return { N, r, p };
}

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p };
  // normalize: the same PIN typed on a different keyboard layout is the same secret.
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashSecret(secret: string, params: ScryptParams = CURRENT_PARAMS): Promise<SecretHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, params);
  return { scheme: schemeOf(params), salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** True only for the right secret; a malformed or over-costly stored hash never matches. */
export async function verifySecret(secret: string, stored: SecretHash): Promise<boolean> {
  const params = parseScheme(stored.scheme);
  if (!params) return false;
  const salt = Buffer.from(stored.salt, 'base64');
  const expected = Buffer.from(stored.hash, 'base64');
  if (salt.length < SALT_BYTES || expected.length !== KEY_BYTES) return false;
  const key = await derive(secret, salt, params);
  return timingSafeEqual(key, expected);
}
