/**
 * A payment link's log entry: the time a later link is to go out is a time value, so each reader
 * sees it on the clinic's clock in their own format (docs/decisions/0033-languages.md).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { summaryOf } from './activity-log.js';
import { createPaymentRequest } from './payment-request-commands.js';
import { createTranslator } from '../i18n/translator.js';
import type { Text } from '../i18n/text.js';

const NOW = '2026-11-20T12:00:00.000Z';
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
/** Intl's non-breaking spaces made plain. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
let db: ClinicDatabase;
let admin: string;
let invoiceId: string;
const ctx = () => ({ actor: admin, synced: false, desk: TEST_DESK, now: NOW });

beforeEach(async () => {
  let serviceId: string;
  ({ db, admin, serviceId } = await openTestClinic('payment-requests'));
  const clientId = (await createClient(db, { firstName: 'Anna', lastName: 'Berg', email: 'anna@example.com', phone: '', dateOfBirth: '' }, '2026-11-20', ctx())).id;
  invoiceId = (await createBooking(db, { clientId, serviceId, practitionerId: admin, start: '2026-11-20T09:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, ctx())).invoice!.id;
});
afterEach(async () => { await db.close(); });

describe('the log of a payment link', () => {
  it("names when a later link goes out in the reader's format, on the clinic's clock", async () => {
    await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'], sendAt: '2026-11-21T07:30:00.000Z' }, ctx());
    const [entry] = await db.activity.find({ selector: { entityId: invoiceId, action: 'link.requested' } }).exec();
    expect(plain(nb.t(summaryOf(entry!) as Text))).toBe('Betalingslenke på 300,00 kr (delbeløp) med e-post, sendes 21. nov. 2026, 08:30');
    expect(entry!.summary).not.toContain('2026-11-21T07:30');
  });
});
