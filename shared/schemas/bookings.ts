import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, idField, instantField } from './fields.js';

export const BILLING_MODES = ['automatic', 'manual', 'external'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

const literal = {
  title: 'booking',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    clientId: idField,
    serviceId: idField,
    practitionerId: idField,
    start: instantField,
    end: instantField,
    status: { type: 'string', enum: ['booked', 'cancelled'] },
    /** The billing mode this booking ended up with. */
    billing: { type: 'string', enum: [...BILLING_MODES] },
    /** Whether `billing` came from the clinic default or was chosen for this booking. */
    billingChosen: { type: 'boolean' },
    /** The draft (or later) invoice made from this booking; empty while externally billed. */
    invoiceId: { type: 'string', maxLength: 40 },
    ...auditFields,
  },
  required: ['id', 'clientId', 'serviceId', 'practitionerId', 'start', 'end', 'status', 'billing', 'billingChosen', 'invoiceId', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  // Bookings in view are found by range on `start`, never by loading them all.
  indexes: ['start', ['practitionerId', 'start'], ['clientId', 'start']],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type BookingDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const bookingSchema: RxJsonSchema<BookingDoc> = typed;
