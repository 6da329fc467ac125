import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, currencyField, minorUnitsField } from './fields.js';

/** The clinic's settings: one document, id "clinic". */
export const CLINIC_SETTINGS_ID = 'clinic';

const literal = {
  title: 'clinic settings',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    clinicName: { type: 'string', maxLength: 120 },
    displayName: { type: 'string', maxLength: 120 },
    currency: currencyField,
    locale: { type: 'string', maxLength: 20 },
    timeZone: { type: 'string', maxLength: 64 },
    billingProcess: { type: 'string', enum: ['automatic', 'manual'] },
    manualCreateDraft: { type: 'boolean' },
    defaultAltPaymentMethod: { type: 'string', enum: ['cash', 'card_terminal', 'bank_transfer', 'other'] },
    linkTiming: { type: 'string', enum: ['after_booking', 'after_appointment'] },
    linkDelayMinutes: { type: 'integer', minimum: 0, maximum: 10_080 },
    paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365 },
    vatRatesBp: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 10_000 } },
    organisationNumber: { type: 'string', maxLength: 40 },
    address: { type: 'string', maxLength: 300 },
    /** Account clients pay bank transfers to, printed on invoices; may be empty. */
    bankAccount: { type: 'string', maxLength: 40 },
    supportEmail: { type: 'string', maxLength: 200 },
    senderName: { type: 'string', maxLength: 120 },
    /** Payment links: 'sandbox' (local pay page) until a Stripe account is connected in main. */
    paymentProvider: { type: 'string', enum: ['sandbox', 'stripe'] },
    /** A one-time link lapses this many hours after sending (1–24; Stripe Checkout allows at most 24). */
    linkLifetimeHours: { type: 'integer', minimum: 1, maximum: 24 },
    /** Message prices excl. VAT, minor units: per email and per SMS segment; VAT on them in basis points. */
    emailCostMinor: { type: 'integer', minimum: 0, maximum: 100_000 },
    smsSegmentCostMinor: { type: 'integer', minimum: 0, maximum: 100_000 },
    messageVatBp: { type: 'integer', minimum: 0, maximum: 10_000 },
    /** Dunning schedule (shared/domain/dunning.ts). */
    reminderAfterDueDays: { type: 'integer', minimum: 1, maximum: 365 },
    secondReminderAfterDays: { type: 'integer', minimum: 1, maximum: 365 },
    finalNoticeAfterDays: { type: 'integer', minimum: 1, maximum: 365 },
    finalNoticeGivesDays: { type: 'integer', minimum: 14, maximum: 365 },
    reminderFeeMinor: minorUnitsField,
    /** Email the clinic when a link is paid. */
    notifyClinicOnPayment: { type: 'boolean' },
    /**
     * When an admin activated payments (Settings → Activate payments), '' until then: every
     * booking made before it is externally billed (shared/domain/activation.ts). Version 3
     * allows '' — a new clinic starts with payments off.
     */
    invoicingActivatedAt: { type: 'string', maxLength: 30 },
    /**
     * Who the messages staff send come from: the clinic, or the staff member who sent them
     * (never a practitioner, and never for automatic sends: shared/domain/message-sender.ts).
     */
    senderMode: { type: 'string', enum: ['clinic', 'staff'] },
    /** A desk nobody has touched for this many minutes locks and asks for a PIN or password. */
    idleLockMinutes: { type: 'integer', minimum: 1, maximum: 240 },
    ...auditFields,
  },
  required: ['id', 'clinicName', 'displayName', 'currency', 'locale', 'timeZone', 'billingProcess',
    'manualCreateDraft', 'defaultAltPaymentMethod', 'linkTiming', 'linkDelayMinutes', 'paymentTermsDays',
    'vatRatesBp', 'organisationNumber', 'address', 'bankAccount', 'paymentProvider', 'linkLifetimeHours', 'emailCostMinor',
    'smsSegmentCostMinor', 'messageVatBp', 'reminderAfterDueDays', 'secondReminderAfterDays', 'finalNoticeAfterDays', 'finalNoticeGivesDays',
    'reminderFeeMinor', 'notifyClinicOnPayment', 'invoicingActivatedAt', 'senderMode', 'idleLockMinutes', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type ClinicSettingsDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const clinicSettingsSchema: RxJsonSchema<ClinicSettingsDoc> = typed;
