/** Client records: what makes a valid client, and the fields used to find one. */
import type { ClientDoc } from '../schemas/index.js';
import { checkEmail, checkName, checkPhone, foldForSearch } from './contact.js';
import { ok, refuse, type Result } from './result.js';
import { isLocalDate } from './time.js';

export interface ClientInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  /** Postal address for invoices; optional. */
  address?: string;
}

export type ClientFields = Pick<ClientDoc, 'firstName' | 'lastName' | 'email' | 'phone' | 'address' | 'dateOfBirth' | 'sortName' | 'searchText'>;

export function checkClient(input: ClientInput, today: string): Result<ClientFields> {
  const first = checkName(input.firstName, 'firstName', 'First name');
  if (!first.ok) return first;
  const last = checkName(input.lastName, 'lastName', 'Last name');
  if (!last.ok) return last;
  const email = checkEmail(input.email);
  if (!email.ok) return email;
  const phone = checkPhone(input.phone);
  if (!phone.ok) return phone;
  const dob = input.dateOfBirth.trim();
  if (dob !== '' && !isLocalDate(dob)) return refuse('Enter the date of birth as a date, e.g. 1984-03-27.', 'dateOfBirth');
  if (dob !== '' && dob > today) return refuse('The date of birth cannot be in the future.', 'dateOfBirth');
  const address = (input.address ?? '').trim().replace(/\s*\n\s*/g, ', ');
  if (address.length > 300) return refuse('The address is too long: keep it under 300 characters.', 'address');
  return ok({
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
