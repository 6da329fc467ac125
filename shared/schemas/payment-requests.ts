import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, currencyField, idField, instantField, minorUnitsField } from './fields.js';

/** A request for money by link: an amount, the channels to use, and when to send. */
const literal = {
  title: 'payment request',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    invoiceId: idField,
    clientId: idField,
    amountMinor: minorUnitsField,
    currency: currencyField,
    channels: { type: 'array', items: { type: 'string', enum: ['email', 'sms'] } },
    /**
     * A payment link; a dunning step that carries one; or the last step, ready for debt
     * collection, which sends nothing (no channels) and marks the invoice for the collector.
     */
    purpose: { type: 'string', enum: ['payment_link', 'reminder', 'second_reminder', 'final_notice', 'debt_collection'] },
    /**
     * scheduled → sent → processing → paid; or cancelled, expired, superseded; `unknown` when a
     * send may or may not have gone out (staff review it; it is never re-sent by itself).
     */
    status: { type: 'string', enum: ['scheduled', 'sent', 'processing', 'paid', 'cancelled', 'expired', 'superseded', 'failed', 'unknown'], maxLength: 20 },
    sendAt: instantField,
    /** When it went out, or ''. */
    sentAt: { type: 'string', maxLength: 30 },
    /** The payment page, once created. */
    linkUrl: { type: 'string', maxLength: 500 },
    /** The provider's id for the link (Checkout Session id or the sandbox's). */
    providerRef: { type: 'string', maxLength: 120 },
    /** When the link lapses, or ''. */
    expiresAt: { type: 'string', maxLength: 30 },
    /** A reminder fee this step adds, minor units (0 for none). */
    feeMinor: minorUnitsField,
    /**
     * Why it failed or is unknown, in the English the link rule recognises
     * (shared/domain/link-request-status.ts); `problemText` is the same as a stored Text for
     * each reader's language (docs/decisions/0033-languages.md). Version 3 adds it; older
     * requests read through `requestProblem`.
     */
    problem: { type: 'string', maxLength: 300 },
    problemText: { type: 'string', maxLength: 2000 },
    ...auditFields,
  },
  required: ['id', 'invoiceId', 'clientId', 'amountMinor', 'currency', 'channels', 'purpose', 'status', 'sendAt', 'sentAt', 'linkUrl', 'providerRef',
    'expiresAt', 'feeMinor', 'problem', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  indexes: [['invoiceId', 'createdAt'], ['status', 'sendAt']],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type PaymentRequestDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const paymentRequestSchema: RxJsonSchema<PaymentRequestDoc> = typed;
