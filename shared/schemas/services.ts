import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, currencyField, idField, minorUnitsField } from './fields.js';

const literal = {
  title: 'service',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    name: { type: 'string', maxLength: 120 },
    durationMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
    /** VAT-inclusive price in minor units. */
    priceMinor: minorUnitsField,
    currency: currencyField,
    vatRateBp: { type: 'integer', minimum: 0, maximum: 10_000 },
    active: { type: 'boolean' },
    ...auditFields,
  },
  required: ['id', 'name', 'durationMinutes', 'priceMinor', 'currency', 'vatRateBp', 'active', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type ServiceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const serviceSchema: RxJsonSchema<ServiceDoc> = typed;
