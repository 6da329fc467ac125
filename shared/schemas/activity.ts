import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { actorField, deskField, idField, instantField } from './fields.js';

/**
 * The activity log (the invoice log is its view for one invoice): who did what,
 * when. Append-only; `summary` is the English for staff to read, `summaryText` the same in any language.
 */
const literal = {
  title: 'activity entry',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    entity: { type: 'string', enum: ['booking', 'invoice', 'client', 'settings', 'staff', 'service', 'payment'] },
    entityId: idField,
    action: { type: 'string', maxLength: 60 },
    summary: { type: 'string', maxLength: 500 },
    /**
     * The same as a Text (shared/i18n/text.ts) in JSON, so each reader's log reads in their language;
     * absent on entries from before languages. Read through parseStoredText, never trusted.
     */
    summaryText: { type: 'string', maxLength: 2000 },
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
