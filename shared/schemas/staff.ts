import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, idField, instantField, languageField } from './fields.js';

export const STAFF_ROLES = ['admin', 'billing', 'reception', 'practitioner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const literal = {
  title: 'staff member',
  version: 3,
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
    /** The screen language they chose ('nb', 'en'); absent or '' = the clinic's (docs/decisions/0033-languages.md). */
    language: languageField,
    /**
     * The staff member's PIN or password as a slow salted hash (docs/decisions/0023-staff-sign-in.md),
     * synced so any desk can check it offline. Absent until they choose one at first sign-in,
     * and after an admin resets it.
     */
    secret: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['pin', 'password'] },
        /** e.g. "scrypt:N=32768,r=8,p=1" */
        scheme: { type: 'string', maxLength: 60 },
        salt: { type: 'string', maxLength: 60 },
        hash: { type: 'string', maxLength: 200 },
        setAt: instantField,
      },
      required: ['kind', 'scheme', 'salt', 'hash', 'setAt'],
      additionalProperties: false,
    },
    ...auditFields,
  },
  required: ['id', 'name', 'roles', 'isPractitioner', 'color', 'active', 'sortKey', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  indexes: ['sortKey'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type StaffDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const staffSchema: RxJsonSchema<StaffDoc> = typed;
