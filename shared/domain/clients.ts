/** Client records: what makes a valid client, and the fields used to find one. */
import type { ClientDoc } from '../schemas/index.js';
import { checkEmail, checkName, checkPhone, foldForSearch } from './contact.js';
import { ok, refuse, type Result } from './result.js';
import { isLocalDate } from './time.js';
import { text, type Text } from '../i18n/text.js';
import { isLanguage } from '../i18n/catalogues/index.js';

export interface ClientInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  /** Postal address for invoices; optional. */
  address?: string;
  /** The language of their messages and papers ('' = the clinic's); optional. */
  language?: string;
}

export type ClientFields = Pick<ClientDoc, 'firstName' | 'lastName' | 'email' | 'phone' | 'address' | 'dateOfBirth' | 'sortName' | 'searchText' | 'language'>;

export function checkClient(input: ClientInput, today: string): Result<ClientFields> {
  const first = checkName(input.firstName, 'firstName', 'client.field.firstName');
  if (!first.ok) return first;
  const last = checkName(input.lastName, 'lastName', 'client.field.lastName');
  if (!last.ok) return last;
  const email = checkEmail(input.email);
  if (!email.ok) return email;
  const phone = checkPhone(input.phone);
  if (!phone.ok) return phone;
  const dob = input.dateOfBirth.trim();
  if (dob !== '' && !isLocalDate(dob)) return refuse('client.refused.dateOfBirthFormat', 'dateOfBirth');
  if (dob !== '' && dob > today) return refuse('client.refused.dateOfBirthFuture', 'dateOfBirth');
  const address = (input.address ?? '').trim().replace(/\s*\n\s*/g, ', ');
  if (address.length > 300) return refuse('client.refused.addressTooLong', 'address');
  const language = (input.language ?? '').trim();
  if (language !== '' && !isLanguage(language)) return refuse('field.language.unknown', 'language');
  return ok({
    language,
    firstName: first.value,
    lastName: last.value,
    email: email.value,
    phone: phone.value,
    address,
    dateOfBirth: dob,
    sortName: foldForSearch(`${last.value} ${first.value}`).slice(0, 170),
    searchText: clientSearchText(first.value, last.value, email.value, phone.value),
  });
}

/** The client's current details as the form shows them, to edit with the same checks as creating. */
export function clientInputOf(client: Pick<ClientDoc, 'firstName' | 'lastName' | 'email' | 'phone' | 'address' | 'dateOfBirth' | 'language'>): Required<ClientInput> {
  return { firstName: client.firstName, lastName: client.lastName, email: client.email, phone: client.phone, address: client.address, dateOfBirth: client.dateOfBirth, language: client.language ?? '' };
}

/**
 * What an edit changed, for the client's log: "email: (empty) → anna@example.com; address".
 * Contact details show before and after so staff can see where a message went; the
 * address and date of birth are only named, which keeps the log short. None = nothing changed.
 */
export function describeClientChange(before: Omit<ClientFields, 'sortName' | 'searchText'>, after: Omit<ClientFields, 'sortName' | 'searchText'>): Text[] {
  const shown = (v: string) => v || text('log.empty');
  const parts: Text[] = [];
  if (clientName(before) !== clientName(after)) parts.push(text('log.change.name', { before: clientName(before), after: clientName(after) }));
  if (before.email !== after.email) parts.push(text('log.change.email', { before: shown(before.email), after: shown(after.email) }));
  if (before.phone !== after.phone) parts.push(text('client.change.phone', { before: shown(before.phone), after: shown(after.phone) }));
  if (before.address !== after.address) parts.push(text('client.change.address'));
  if (before.dateOfBirth !== after.dateOfBirth) parts.push(text('client.change.dateOfBirth'));
  if ((before.language ?? '') !== (after.language ?? '')) parts.push(text('client.change.language'));
  return parts;
}

export function clientSearchText(firstName: string, lastName: string, email: string, phone: string): string {
  return [foldForSearch(`${firstName} ${lastName}`), foldForSearch(`${lastName} ${firstName}`), email.toLowerCase(), phone.replace(/\D/g, '')]
    .join(' ')
    .slice(0, 500);
}

/** Whether a client matches what was typed in "find": every word must appear. */
export function matchesClientQuery(client: Pick<ClientDoc, 'searchText'>, query: string): boolean {
  return clientQueryWords(query).every((w) => client.searchText.includes(w));
}

/** The words of a "find" query in the form searchText holds them (phone numbers as digits). */
export function clientQueryWords(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^\+?[\d()-]+$/.test(w) ? w.replace(/\D/g, '') : w))
    .filter(Boolean);
}

export function clientName(client: Pick<ClientDoc, 'firstName' | 'lastName'>): string {
  return `${client.firstName} ${client.lastName}`;
}
