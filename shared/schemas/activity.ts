import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { actorField, deskField, idField, instantField } from './fields.js';

/**
 * The activity log (the invoice log is its view for one invoice): who did what,
 * when. Append-only; `summary` is plain text written for staff to read.
 */
const literal = {
  title: 'activity entry',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    entity: { type: 'string', enum: ['booking', 'invoice', 'client', 'settings', 'staff', 'service', 'payment'] },
    entityId: idField,
    action: { type: 'string', maxLength: 60 },
    summary: { type: 'string', maxLength: 500 },
    at: instantField,
    by: actorField,
    /** The desk it happened on (invariant 11). */
    deskId: deskField,
  },
  required: ['id', 'entity', 'entityId', 'action', 'summary', 'at', 'by', 'deskId'],
  indexes: [['entityId', 'at'], 'at'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type ActivityDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const activitySchema: RxJsonSchema<ActivityDoc> = typed;
