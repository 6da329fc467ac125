/** Contact details as staff type them: trimmed, checked, and a normal form for search. */
import { ok, refuse, type Result } from './result.js';
import { text, type MessageId } from '../i18n/text.js';

// Deliberately plain: one "@", a dot in the domain, no spaces. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function checkEmail(input: string, field = 'email'): Result<string> {
  const email = input.trim();
  if (email === '') return ok('');
  if (email.length > 200 || !EMAIL.test(email)) {
    return refuse('contact.refused.email', { email }, field);
  }
  return ok(email);
}

/** Phone numbers: digits with an optional leading +, spaces, dashes and brackets allowed. */
export function checkPhone(input: string, field = 'phone'): Result<string> {
  const phone = input.trim();
  if (phone === '') return ok('');
  if (!/^\+?[0-9 ()-]+$/.test(phone)) {
    return refuse('contact.refused.phoneCharacters', field);
  }
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 15) {
    return refuse('contact.refused.phoneDigits', field);
  }
  return ok(phone);
}

/** `label`: the field's name as a catalogue id ("First name"), the subject of the refusal. */
export function checkName(input: string, field: string, label: MessageId, maxLength = 80): Result<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return refuse('contact.refused.nameRequired', { label: text(label) }, field);
  if (name.length > maxLength) return refuse('contact.refused.tooLong', { label: text(label), max: maxLength }, field);
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
