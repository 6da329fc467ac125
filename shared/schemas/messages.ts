import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { actorField, currencyField, deskField, idField, instantField, minorUnitsField } from './fields.js';

/** A message sent (or attempted) to a client: an append-only fact with its cost. */
const literal = {
  title: 'message',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    invoiceId: { type: 'string', maxLength: 40 },
    paymentRequestId: { type: 'string', maxLength: 40 },
    clientId: idField,
    channel: { type: 'string', enum: ['email', 'sms'] },
    purpose: { type: 'string', enum: ['payment_link', 'reminder', 'final_notice', 'receipt', 'notification'] },
    recipient: { type: 'string', maxLength: 200 },
    outcome: { type: 'string', enum: ['sent', 'failed', 'unknown'] },
    detail: { type: 'string', maxLength: 500 },
    costMinor: minorUnitsField,
    currency: currencyField,
    at: instantField,
    /** Who sent it: a staff member, or the system's own sending (invariant 11). */
    by: actorField,
    deskId: deskField,
  },
  required: ['id', 'invoiceId', 'paymentRequestId', 'clientId', 'channel', 'purpose', 'recipient', 'outcome', 'detail', 'costMinor', 'currency', 'at', 'by', 'deskId'],
  indexes: [['invoiceId', 'at'], 'at'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type MessageDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const messageSchema: RxJsonSchema<MessageDoc> = typed;
