import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { auditFields, idField, languageField } from './fields.js';

const literal = {
  title: 'client',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    firstName: { type: 'string', maxLength: 80 },
    lastName: { type: 'string', maxLength: 80 },
    /** Lower-case "last first": the sort order of client lists. */
    sortName: { type: 'string', maxLength: 170 },
    /** Lower-case name, email and digits of the phone: what "find" matches against. */
    searchText: { type: 'string', maxLength: 500 },
    email: { type: 'string', maxLength: 200 },
    phone: { type: 'string', maxLength: 40 },
    /** Postal address, printed on invoices; may be empty. */
    address: { type: 'string', maxLength: 300 },
    /** LocalDate "YYYY-MM-DD" or empty. */
    dateOfBirth: { type: 'string', maxLength: 10 },
    /** The language of their emails, SMS, pay page, invoices and reminders; absent or '' = the clinic's (docs/decisions/0033-languages.md). */
    language: languageField,
    ...auditFields,
  },
  required: ['id', 'firstName', 'lastName', 'sortName', 'searchText', 'email', 'phone', 'address', 'dateOfBirth', 'createdAt', 'updatedAt', 'updatedBy', 'deskId'],
  indexes: ['sortName'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type ClientDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const clientSchema: RxJsonSchema<ClientDoc> = typed;
