/**
 * Device tokens, enrolment codes and the admin secret. The server keeps only SHA-256
 * hashes of tokens and codes: a copied database enrols no desk. Imported by server/.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the desk's bearer token, shown once. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares in constant time (hashes first, so lengths never leak). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** No 0/O, 1/I/L: a code read out across the front desk is typed right the first time. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What the person typed, as the code was issued: upper case, without spaces or dashes. */
export function normalizeEnrollmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

/** The server's admin secret: 32 random bytes, base64url. */
export function newAdminSecret(): string {
  return randomBytes(32).toString('base64url');
}
