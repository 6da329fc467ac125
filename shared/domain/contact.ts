/** Contact details as staff type them: trimmed, checked, and a normal form for search. */
import { ok, refuse, type Result } from './result.js';

// Deliberately plain: one "@", a dot in the domain, no spaces. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function checkEmail(input: string, field = 'email'): Result<string> {
  const email = input.trim();
  if (email === '') return ok('');
  if (email.length > 200 || !EMAIL.test(email)) {
    return refuse(`"${email}" is not a valid email address. Check it looks like name@example.com.`, field);
  }
  return ok(email);
}

/** Phone numbers: digits with an optional leading +, spaces, dashes and brackets allowed. */
export function checkPhone(input: string, field = 'phone'): Result<string> {
  const phone = input.trim();
  if (phone === '') return ok('');
  if (!/^\+?[0-9 ()-]+$/.test(phone)) {
    return refuse('A phone number may contain only digits, spaces, dashes, brackets and a leading +.', field);
  }
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 15) {
    return refuse('A phone number needs between 5 and 15 digits.', field);
  }
  return ok(phone);
}

export function checkName(input: string, field: string, label: string, maxLength = 80): Result<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return refuse(`${label} is required.`, field);
  if (name.length > maxLength) return refuse(`${label} can be at most ${maxLength} characters.`, field);
  return ok(name);
}

/** Lower case without accents, so "Sørensen" is found by "sorensen" too. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The channels a payment message can reach the client on: a valid email address, a valid mobile number. */
export function reachableChannels(client: { readonly email: string; readonly phone: string } | null): ('email' | 'sms')[] {
  return [
    ...(client?.email && checkEmail(client.email).ok ? ['email' as const] : []),
    ...(client?.phone && checkPhone(client.phone).ok ? ['sms' as const] : []),
  ];
}
