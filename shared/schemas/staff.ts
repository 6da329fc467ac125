import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, idField } from './fields.js';

export const STAFF_ROLES = ['admin', 'billing', 'reception', 'practitioner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const literal = {
  title: 'staff member',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    name: { type: 'string', maxLength: 120 },
    email: { type: 'string', maxLength: 200 },
    roles: { type: 'array', items: { type: 'string', enum: [...STAFF_ROLES] } },
    /** Practitioners get a column in the day view. */
    isPractitioner: { type: 'boolean' },
    color: { type: 'string', maxLength: 9 },
    active: { type: 'boolean' },
    /** Order of the practitioner columns. */
    sortKey: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    ...auditFields,
  },
  required: ['id', 'name', 'roles', 'isPractitioner', 'color', 'active', 'sortKey', 'createdAt', 'updatedAt', 'updatedBy'],
  indexes: ['sortKey'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type StaffDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const staffSchema: RxJsonSchema<StaffDoc> = typed;
