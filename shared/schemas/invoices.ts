import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, currencyField, idField, minorUnitsField } from './fields.js';

const literal = {
  title: 'invoice',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: { type: 'string', enum: ['invoice', 'credit_note'] },
    status: { type: 'string', enum: ['draft', 'completed', 'void'], maxLength: 20 },
    clientId: idField,
    /** The booking it was made from, or empty. */
    bookingId: { type: 'string', maxLength: 40 },
    /** For a credit note: the invoice it credits, or empty. */
    creditsInvoiceId: { type: 'string', maxLength: 40 },
    currency: currencyField,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: idField,
          serviceId: { type: 'string', maxLength: 40 },
          description: { type: 'string', maxLength: 300 },
          quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
          unitPriceMinor: minorUnitsField,
          discountBp: { type: 'integer', minimum: 0, maximum: 10_000 },
          vatRateBp: { type: 'integer', minimum: 0, maximum: 10_000 },
        },
        required: ['id', 'serviceId', 'description', 'quantity', 'unitPriceMinor', 'discountBp', 'vatRateBp'],
        additionalProperties: false,
      },
    },
    /** Gap-free number, assigned on completion; 0 while a draft or while pending. */
    number: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
    /** LocalDate strings, empty while a draft. */
    invoiceDate: { type: 'string', maxLength: 10 },
    dueDate: { type: 'string', maxLength: 10 },
    completedAt: { type: 'string', maxLength: 30 },
    /** LocalDate the service was given (the booking's day), shown on the invoice; may be empty. */
    serviceDate: { type: 'string', maxLength: 10 },
    ...auditFields,
  },
  required: ['id', 'kind', 'status', 'clientId', 'bookingId', 'creditsInvoiceId', 'currency', 'lines', 'number',
    'invoiceDate', 'dueDate', 'completedAt', 'serviceDate', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  // `number` finds a standalone desk's last number without reading every invoice;
  // [status, dueDate] finds overdue invoices for chasing without reading every invoice.
  indexes: [['clientId', 'createdAt'], ['status', 'createdAt'], 'number', ['status', 'dueDate']],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type InvoiceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export type InvoiceLine = InvoiceDoc['lines'][number];
export const invoiceSchema: RxJsonSchema<InvoiceDoc> = typed;
