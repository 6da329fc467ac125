import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, currencyField, idField, instantField, minorUnitsField } from './fields.js';

/** A request for money by link: an amount, the channels to use, and when to send. */
const literal = {
  title: 'payment request',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    invoiceId: idField,
    clientId: idField,
    amountMinor: minorUnitsField,
    currency: currencyField,
    channels: { type: 'array', items: { type: 'string', enum: ['email', 'sms'] } },
    status: { type: 'string', enum: ['scheduled', 'sent', 'paid', 'cancelled', 'expired', 'superseded'], maxLength: 20 },
    sendAt: instantField,
    ...auditFields,
  },
  required: ['id', 'invoiceId', 'clientId', 'amountMinor', 'currency', 'channels', 'status', 'sendAt', 'createdAt', 'updatedAt', 'updatedBy'],
  indexes: [['invoiceId', 'createdAt'], ['status', 'sendAt']],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type PaymentRequestDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const paymentRequestSchema: RxJsonSchema<PaymentRequestDoc> = typed;
