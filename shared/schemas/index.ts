/**
 * The RxDB schemas of the desk's local store, one module per collection.
 * Document types are derived from the schema literals, never written twice.
 * At most 10 collections (docs/design.md invariant 10): these are all of them.
 */
import { activitySchema } from './activity.js';
import { bookingSchema } from './bookings.js';
import { clientSchema } from './clients.js';
import { invoiceSchema } from './invoices.js';
import { messageSchema } from './messages.js';
import { paymentRequestSchema } from './payment-requests.js';
import { paymentSchema } from './payments.js';
import { serviceSchema } from './services.js';
import { clinicSettingsSchema } from './settings.js';
import { staffSchema } from './staff.js';

export * from './activity.js';
export * from './bookings.js';
export * from './clients.js';
export * from './invoices.js';
export * from './messages.js';
export * from './payment-requests.js';
export * from './payments.js';
export * from './services.js';
export * from './settings.js';
export * from './staff.js';

export const collectionSchemas = {
  settings: clinicSettingsSchema,
  staff: staffSchema,
  clients: clientSchema,
  services: serviceSchema,
  bookings: bookingSchema,
  invoices: invoiceSchema,
  payments: paymentSchema,
  paymentrequests: paymentRequestSchema,
  messages: messageSchema,
  activity: activitySchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export const COLLECTION_NAMES = Object.keys(collectionSchemas) as CollectionName[];
