import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { actorField, currencyField, deskField, idField, instantField, minorUnitsField } from './fields.js';

export const PAYMENT_METHODS = ['cash', 'card_terminal', 'bank_transfer', 'payment_link', 'other', 'client_credit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * A money fact, immutable (docs/design.md invariant 2): a payment received, a refund paid
 * out, client credit applied to an invoice (method 'client_credit'), or a reminder fee
 * charged on an invoice by the chasing (kind 'fee', method 'other'). Balances,
 * statuses and credit are derived from these records (docs/decisions/0008-ledger.md);
 * nothing edits one after it is written.
 */
const literal = {
  title: 'payment',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: { type: 'string', enum: ['payment', 'refund', 'credit_applied', 'fee'] },
    invoiceId: { type: 'string', maxLength: 40 },
    clientId: idField,
    method: { type: 'string', enum: [...PAYMENT_METHODS] },
    amountMinor: minorUnitsField,
    currency: currencyField,
    at: instantField,
    recordedBy: actorField,
    /** The desk it was recorded on (invariant 11). */
    recordedOn: deskField,
    /** Cash handed over (for the receipt's change due); 0 when not cash. */
    tenderedMinor: minorUnitsField,
    /** Provider reference (e.g. a Stripe payment intent), empty for desk payments. */
    externalRef: { type: 'string', maxLength: 120 },
  },
  required: ['id', 'kind', 'invoiceId', 'clientId', 'method', 'amountMinor', 'currency', 'at', 'recordedBy', 'recordedOn', 'tenderedMinor', 'externalRef'],
  indexes: [['invoiceId', 'at'], ['clientId', 'at'], 'at'],
  additionalProperties: false,
} as const;

const typed = toTypedRxJsonSchema(literal);
export type PaymentDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof typed>;
export const paymentSchema: RxJsonSchema<PaymentDoc> = typed;
