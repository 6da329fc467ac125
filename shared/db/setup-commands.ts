/** First-run setup and the demo clinic, written through the shared database. */
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { checkSetup, DESK_ACTOR, type SetupInput } from '../domain/setup.js';
import { RefusedError } from '../domain/result.js';
import type { DemoClinic } from '../domain/demo-clinic.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';

export async function isClinicSetUp(db: ClinicDatabase): Promise<boolean> {
  return (await db.settings.findOne(CLINIC_SETTINGS_ID).exec()) !== null;
}

/**
 * Writes the clinic, its practitioner and its service. The settings document goes
 * last: the app treats its presence as "set up", so an interrupted setup is simply
 * offered again rather than left half-done.
 */
export async function runSetup(db: ClinicDatabase, input: SetupInput, now = new Date().toISOString()): Promise<void> {
  const checked = checkSetup(input, now);
  if (!checked.ok) throw new RefusedError(checked);
  if (await isClinicSetUp(db)) throw new RefusedError({ ok: false, message: 'This desk is already set up.' });
  const { settings, practitioner, service } = checked.value;
  await db.staff.insert(practitioner);
  await db.services.insert(service);
  await db.activity.insert(activityEntry({ entity: 'settings', entityId: settings.id, action: 'clinic.setup', summary: `Clinic "${settings.clinicName}" set up`, at: now, by: DESK_ACTOR }));
  await db.settings.insert(settings);
}

/** Writes a demo clinic into an empty store; settings last, as in runSetup. */
export async function seedDemoClinic(db: ClinicDatabase, demo: DemoClinic): Promise<void> {
  const bulk = async <T>(collection: { bulkInsert(docs: T[]): Promise<{ error: unknown[] }> }, docs: T[]) => {
    const result = await collection.bulkInsert(docs);
    if (result.error.length > 0) throw new Error(`demo seed: ${result.error.length} documents were refused`);
  };
  await bulk(db.staff, demo.staff);
  await bulk(db.services, demo.services);
  await bulk(db.clients, demo.clients);
  await bulk(db.invoices, demo.invoices);
  await bulk(db.bookings, demo.bookings);
  await db.settings.insert(demo.settings);
}
