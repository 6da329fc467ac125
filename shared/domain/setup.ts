/**
 * First-run setup: the clinic, its first practitioner and its first service, checked
 * together so setup either writes everything or nothing.
 */
import { defaultPaymentSettings } from './payment-settings.js';
import type { ClinicSettingsDoc, ServiceDoc, StaffDoc } from '../schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { checkName } from './contact.js';
import { newId } from './ids.js';
import { DEFAULT_LOCALE, isCurrency, type CurrencyCode } from './money.js';
import { ok, refuse, type Result } from './result.js';
import { checkService, type ServiceInput } from './services.js';
import { isValidTimeZone } from './time.js';

/** Until staff sign in on the desk (sync issue), writes are recorded as the desk's. */
export const DESK_ACTOR = 'desk';

export interface SetupInput {
  clinicName: string;
  currency: string;
  timeZone: string;
  practitionerName: string;
  service: ServiceInput;
  /** The clinic's locale (`nb-NO`, from its country); the currency's default when absent or not a locale. */
  locale?: string;
}

/** A well-formed BCP 47 tag in its canonical form, short enough for the settings (20 characters), or null. */
function canonicalLocale(tag: string | undefined): string | null {
  if (!tag) return null;
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    return canonical && canonical.length <= 20 ? canonical : null;
  } catch {
    return null;
  }
}

export interface SetupDocs {
  settings: ClinicSettingsDoc;
  practitioner: StaffDoc;
  service: ServiceDoc;
}

/** Standard VAT rates offered per currency's country; health care is often exempt (0 %). */
const VAT_RATES: Readonly<Record<CurrencyCode, number[]>> = {
  NOK: [2500, 1500, 1200, 0], GBP: [2000, 500, 0], EUR: [2100, 1000, 0],
  USD: [0], SEK: [2500, 1200, 600, 0], DKK: [2500, 0],
};

export const PRACTITIONER_COLORS = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626', '#4f46e5', '#0d9488', '#ca8a04', '#9333ea'];

export function checkSetup(input: SetupInput, now: string, deskId: string): Result<SetupDocs> {
  const clinicName = checkName(input.clinicName, 'clinicName', 'setup.field.clinicName', 120);
  if (!clinicName.ok) return clinicName;
  if (!isCurrency(input.currency)) return refuse('setup.refused.currency', 'currency');
  const currency = input.currency;
  if (!isValidTimeZone(input.timeZone)) return refuse('setup.refused.timeZone', { timeZone: input.timeZone }, 'timeZone');
  const practitionerName = checkName(input.practitionerName, 'practitionerName', 'setup.field.practitionerName', 120);
  if (!practitionerName.ok) return practitionerName;
  const service = checkService(input.service, currency);
  if (!service.ok) return service;

  const base = { createdAt: now, updatedAt: now, updatedBy: DESK_ACTOR, deskId };
  const settings: ClinicSettingsDoc = {
    id: CLINIC_SETTINGS_ID,
    clinicName: clinicName.value,
    displayName: clinicName.value,
    currency,
    locale: canonicalLocale(input.locale) ?? DEFAULT_LOCALE[currency],
    timeZone: input.timeZone,
    // Automatic is what the guide recommends; it applies once an admin activates payments.
    billingProcess: 'automatic',
    manualCreateDraft: true,
    defaultAltPaymentMethod: 'card_terminal',
    linkTiming: 'after_appointment',
    linkDelayMinutes: 15,
    paymentTermsDays: 14,
    vatRatesBp: [...new Set([...VAT_RATES[currency], service.value.vatRateBp])].sort((a, b) => b - a),
    organisationNumber: '',
    address: '',
    bankAccount: '',
    supportEmail: '',
    senderName: clinicName.value,
    ...defaultPaymentSettings(VAT_RATES[currency][0] ?? 0),
    // Payments start off: an admin activates them (shared/domain/activation.ts).
    invoicingActivatedAt: '',
    senderMode: 'clinic',
    idleLockMinutes: 10,
    ...base,
  };
  const practitioner: StaffDoc = {
    id: newId(),
    name: practitionerName.value,
    email: '',
    roles: ['admin', 'billing', 'practitioner'],
    isPractitioner: true,
    color: PRACTITIONER_COLORS[0]!,
    active: true,
    sortKey: 0,
    ...base,
  };
  return ok({ settings, practitioner, service: { id: newId(), ...service.value, active: true, ...base } });
}
