/**
 * A set-up clinic in an in-memory database, for data-layer tests: Fjordside Physio in
 * NOK and Europe/Oslo, its admin practitioner Astrid Solberg (admin, billing) with one
 * 45-minute service at 750 (25 % VAT), and Rita Resepsjon with reception only. Payments are
 * activated at setup, Manual billing on the sandbox (`activated: false` leaves them off, as a new
 * clinic starts).
 * Test support: imported by tests only (lint keeps it out of the app); close the database after each test.
 */
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { ClinicSettingsDoc, StaffDoc } from '../schemas/index.js';
import { checkActivation } from '../domain/activation.js';
import { createClinicDatabase, type ClinicDatabase } from '../db/database.js';
import { runSetup } from '../db/setup-commands.js';
import { activatePayments } from '../db/payment-settings-commands.js';

export interface TestClinic {
  db: ClinicDatabase;
  /** Astrid Solberg: admin, billing, practitioner. */
  admin: string;
  /** Rita Resepsjon: reception only. */
  reception: string;
  serviceId: string;
}

export const SETUP_AT = '2026-01-01T08:00:00.000Z';

/** The desk the test clinic's changes are made on (docs/design.md invariant 11). */
export const TEST_DESK = 'desk-test';

/** `storage`: another storage than RxDB's memory one (e.g. failingStorage, to break a write on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function openTestClinic(name: string, storage: RxStorage<any, any> = getRxStorageMemory(), options: { activated?: boolean } = {}): Promise<TestClinic> {
  const db = await createClinicDatabase({ storage, name: `${name}-${crypto.randomUUID()}` });
  const setup = await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
  }, SETUP_AT, TEST_DESK);
  const rita: StaffDoc = { ...setup.practitioner, id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], isPractitioner: false, sortKey: 5, updatedBy: setup.practitioner.id };
  await db.staff.insert(rita);
  if (options.activated !== false) await activateTestPayments(db, setup.practitioner.id);
  return { db, admin: setup.practitioner.id, reception: rita.id, serviceId: setup.service.id };
}

/** Payments activated as an admin does in Settings (Manual billing, on the sandbox), at `now`. */
export async function activateTestPayments(db: ClinicDatabase, admin: string, now = SETUP_AT, desk = TEST_DESK): Promise<void> {
  await activatePayments(db, { billingProcess: 'manual', provider: 'sandbox' }, false, { actor: admin, desk, now, synced: false });
}

/**
 * Setup's documents as they stand once an admin activated payments right after setup (Manual
 * billing, on the sandbox), by the real rule — for tests that write or push setup themselves.
 */
export function activatedAtSetup<T extends { readonly settings: ClinicSettingsDoc }>(docs: T): T {
  const fields = checkActivation(docs.settings, { billingProcess: 'manual', provider: 'sandbox' }, false, docs.settings.createdAt);
  if (!fields.ok) throw new Error(fields.message);
  return { ...docs, settings: { ...docs.settings, ...fields.value } };
}
