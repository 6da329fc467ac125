/**
 * What an admin may type into Settings → Billing and Settings → Invoice details, checked
 * before anything is saved (docs/design.md invariant 8): each card gives back the settings
 * fields it changes, or one refusal that names the form field to fix. Pure: the data
 * layer reads the current settings and writes the result (shared/db/settings-commands.ts).
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { checkEmail, checkName } from './contact.js';
import { ok, refuse, type Result } from './result.js';
import { parseVatRate } from './vat.js';
import { rateValue, text, type MessageId } from '../i18n/text.js';

export const BILLING_PROCESSES = ['automatic', 'manual'] as const;
export const ALT_PAYMENT_METHODS = ['cash', 'card_terminal', 'bank_transfer', 'other'] as const;
export const LINK_TIMINGS = ['after_booking', 'after_appointment'] as const;

export const MAX_LINK_DELAY_MINUTES = 10_080; // one week, as the schema allows
export const MAX_PAYMENT_TERMS_DAYS = 365;
/** More rates than any country uses; keeps the invoice line's VAT menu short. */
export const MAX_VAT_RATES = 10;

export type BillingSettings = Pick<ClinicSettingsDoc,
  'billingProcess' | 'manualCreateDraft' | 'defaultAltPaymentMethod' | 'linkTiming' | 'linkDelayMinutes' | 'paymentTermsDays' | 'vatRatesBp'>;
export type InvoiceDetails = Pick<ClinicSettingsDoc,
  'clinicName' | 'displayName' | 'organisationNumber' | 'address' | 'bankAccount' | 'supportEmail' | 'senderName' | 'senderMode'>;

/** Who messages come from (shared/domain/message-sender.ts). */
export const SENDER_MODES = ['clinic', 'staff'] as const;

/** The billing card as typed: numbers and the VAT list are text until checked. */
export interface BillingSettingsInput {
  readonly billingProcess: string;
  readonly manualCreateDraft: boolean;
  readonly defaultAltPaymentMethod: string;
  readonly linkTiming: string;
  readonly linkDelayMinutes: string;
  readonly paymentTermsDays: string;
  /** "25, 15, 12, 0" */
  readonly vatRates: string;
}

export type InvoiceDetailsInput = { readonly [K in keyof InvoiceDetails]-?: string };

const isOneOf = <T extends string>(options: readonly T[], value: string): value is T => (options as readonly string[]).includes(value);

/** A whole number typed as text ("14", " 30 "), or null when it is not one. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : null;
}

export function checkBillingSettings(input: BillingSettingsInput, current: Pick<ClinicSettingsDoc, 'linkDelayMinutes'>): Result<BillingSettings> {
  if (!isOneOf(BILLING_PROCESSES, input.billingProcess)) return refuse('settings.refused.billingProcess', 'billingProcess');
  if (!isOneOf(ALT_PAYMENT_METHODS, input.defaultAltPaymentMethod)) {
    return refuse('settings.refused.altPaymentMethod', 'defaultAltPaymentMethod');
  }
  if (!isOneOf(LINK_TIMINGS, input.linkTiming)) return refuse('settings.refused.linkTiming', 'linkTiming');

  // Sent right after booking, the delay is not used: keep the stored one for a later switch back.
  let linkDelayMinutes = current.linkDelayMinutes;
  if (input.linkTiming === 'after_appointment') {
    const minutes = wholeNumber(input.linkDelayMinutes);
    if (minutes === null || minutes > MAX_LINK_DELAY_MINUTES) {
      return refuse('settings.refused.linkDelay', { max: String(MAX_LINK_DELAY_MINUTES) }, 'linkDelayMinutes');
    }
    linkDelayMinutes = minutes;
  }

  const days = wholeNumber(input.paymentTermsDays);
  if (days === null || days > MAX_PAYMENT_TERMS_DAYS) {
    return refuse('settings.refused.paymentTerms', { max: MAX_PAYMENT_TERMS_DAYS }, 'paymentTermsDays');
  }

  const rates = parseVatRateList(input.vatRates);
  if (!rates.ok) return rates;

  return ok({
    billingProcess: input.billingProcess,
    manualCreateDraft: input.manualCreateDraft,
    defaultAltPaymentMethod: input.defaultAltPaymentMethod,
    linkTiming: input.linkTiming,
    linkDelayMinutes,
    paymentTermsDays: days,
    vatRatesBp: rates.value,
  });
}

/**
 * "25, 15, 12, 0" → [2500, 1500, 1200, 0], highest first. Rates are separated by
 * commas, semicolons or spaces, but a comma between two digits is a decimal comma:
 * "12,5" is one rate (12.5 %), and "25,15,12,0" is refused rather than guessed at.
 */
export function parseVatRateList(input: string, field = 'vatRates'): Result<number[]> {
  const tokens = input.replace(/%/g, ' ').split(/;|\s+|,(?!\d)|(?<!\d),/).map((t) => t.trim()).filter((t) => t !== '');
  if (tokens.length === 0) return refuse('vat.refused.listEmpty', field);
  if (tokens.length > MAX_VAT_RATES) return refuse('vat.refused.listTooLong', { max: MAX_VAT_RATES }, field);
  const rates: number[] = [];
  for (const token of tokens) {
    const parsed = parseVatRate(token);
    if (!parsed.ok) {
      const number = Number(token.replace(',', '.'));
      return refuse(Number.isFinite(number) && number > 100 ? 'vat.refused.listItemTooHigh' : 'vat.refused.listItemInvalid', { token }, field);
    }
    if (rates.includes(parsed.value)) return refuse('vat.refused.listDuplicate', { rate: rateValue(parsed.value) }, field);
    rates.push(parsed.value);
  }
  return ok(rates.sort((a, b) => b - a));
}

/**
 * The stored rates as an admin would type them, with the locale's decimal mark: "25, 12.5, 0"
 * with a point, "25; 12,5; 0" with a comma — a comma decimal in a comma list would be ambiguous,
 * so such a list is kept apart by semicolons (parseVatRateList reads both).
 */
export function vatRateListText(ratesBp: readonly number[], decimal: '.' | ',' = '.'): string {
  return ratesBp.map((bp) => String(bp / 100).replace('.', decimal)).join(decimal === ',' ? '; ' : ', ');
}

/** Which list separator vatRateListText uses for this decimal mark, for the field's hint. */
export const vatRateListSeparator = (decimal: '.' | ','): 'semicolon' | 'comma' => (decimal === ',' ? 'semicolon' : 'comma');

/** Optional text: trimmed, runs of spaces and line breaks made one space. */
function optionalText(input: string, field: string, label: MessageId, maxLength: number): Result<string> {
  const typed = input.trim().replace(/\s+/g, ' ');
  if (typed.length > maxLength) return refuse('contact.refused.tooLong', { label: text(label), max: maxLength }, field);
  return ok(typed);
}

export function checkInvoiceDetails(input: InvoiceDetailsInput): Result<InvoiceDetails> {
  const clinicName = checkName(input.clinicName, 'clinicName', 'settings.field.legalName', 120);
  if (!clinicName.ok) return clinicName;
  const displayName = checkName(input.displayName, 'displayName', 'settings.field.displayName', 120);
  if (!displayName.ok) return displayName;
  const organisationNumber = optionalText(input.organisationNumber, 'organisationNumber', 'settings.field.organisationNumber', 40);
  if (!organisationNumber.ok) return organisationNumber;
  // Printed on one line on invoices, as client addresses are.
  const address = optionalText(input.address.trim().replace(/\s*\n\s*/g, ', '), 'address', 'settings.field.address', 300);
  if (!address.ok) return address;
  const bankAccount = optionalText(input.bankAccount, 'bankAccount', 'settings.field.bankAccount', 40);
  if (!bankAccount.ok) return bankAccount;
  const supportEmail = checkEmail(input.supportEmail, 'supportEmail');
  if (!supportEmail.ok) return supportEmail;
  const senderName = optionalText(input.senderName, 'senderName', 'settings.field.senderName', 120);
  if (!senderName.ok) return senderName;
  if (!isOneOf(SENDER_MODES, input.senderMode)) return refuse('settings.refused.senderMode', 'senderMode');
  return ok({
    clinicName: clinicName.value,
    displayName: displayName.value,
    organisationNumber: organisationNumber.value,
    address: address.value,
    bankAccount: bankAccount.value,
    supportEmail: supportEmail.value,
    senderName: senderName.value,
    senderMode: input.senderMode,
  });
}
