/**
 * Field shapes reused by every schema. Indexed strings need a maxLength in RxDB;
 * money amounts are integers (minor units); instants are UTC ISO strings.
 */
export const idField = { type: 'string', maxLength: 40 } as const;
export const instantField = { type: 'string', format: 'date-time', maxLength: 30 } as const;
export const currencyField = { type: 'string', enum: ['NOK', 'GBP', 'EUR', 'USD', 'SEK', 'DKK'] } as const;
/** A language code of the catalogues ('nb', 'en'), or '' for the clinic's; shared/sync/document-rules.ts checks it. */
export const languageField = { type: 'string', maxLength: 8 } as const;
export const minorUnitsField = { type: 'integer', minimum: -100_000_000_000, maximum: 100_000_000_000, multipleOf: 1 } as const;
/** Who changed a document last: a staff id, or "system" for the desk's own work. */
export const actorField = { type: 'string', maxLength: 40 } as const;

/**
 * The desk a change was made on (docs/design.md invariant 11): the desk's own id, 'server'
 * for the sync server's own writes, '' for changes made before desks were recorded.
 */
export const deskField = { type: 'string', maxLength: 40 } as const;

/** When a mutable document was created and last changed, by whom and on which desk. */
export const auditFields = {
  createdAt: instantField,
  updatedAt: instantField,
  updatedBy: actorField,
  deskId: deskField,
} as const;
