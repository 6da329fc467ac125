/**
 * A set-up clinic in an in-memory database, for data-layer tests: Fjordside Physio in
 * NOK and Europe/Oslo, its admin practitioner Astrid Solberg (admin, billing) with one
 * 45-minute service at 750 (25 % VAT), and Rita Resepsjon with reception only.
 * Test support: imported by tests only (lint keeps it out of the app); close the database after each test.
 */
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { StaffDoc } from '../schemas/index.js';
import { createClinicDatabase, type ClinicDatabase } from '../db/database.js';
import { runSetup } from '../db/setup-commands.js';

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
export async function openTestClinic(name: string, storage: RxStorage<any, any> = getRxStorageMemory()): Promise<TestClinic> {
  const db = await createClinicDatabase({ storage, name: `${name}-${crypto.randomUUID()}` });
  const setup = await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
  }, SETUP_AT, TEST_DESK);
  const rita: StaffDoc = { ...setup.practitioner, id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], isPractitioner: false, sortKey: 5, updatedBy: setup.practitioner.id };
  await db.staff.insert(rita);
  return { db, admin: setup.practitioner.id, reception: rita.id, serviceId: setup.service.id };
}
