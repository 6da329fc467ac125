/** First-run setup and the demo clinic, written through the shared database. */
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { checkSetup, type SetupDocs, type SetupInput } from '../domain/setup.js';
import { refuse, RefusedError } from '../domain/result.js';
import { text } from '../i18n/text.js';
import type { DemoClinic } from '../domain/demo-clinic.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';

export async function isClinicSetUp(db: ClinicDatabase): Promise<boolean> {
  return (await db.settings.findOne(CLINIC_SETTINGS_ID).exec()) !== null;
}

/**
 * Checks and writes the clinic, its practitioner and its service; returns what it wrote.
 */
export async function runSetup(db: ClinicDatabase, input: SetupInput, now: string, deskId: string): Promise<SetupDocs> {
  const checked = checkSetup(input, now, deskId);
  if (!checked.ok) throw new RefusedError(checked);
  await writeSetup(db, checked.value, now);
  return checked.value;
}

/**
 * Writes checked setup documents. The settings document goes last: the app treats its
 * presence as "set up", so an interrupted setup is simply offered again.
 */
export async function writeSetup(db: ClinicDatabase, docs: SetupDocs, now: string): Promise<void> {
  if (await isClinicSetUp(db)) throw new RefusedError(refuse('setup.refused.alreadySetUp'));
  const { settings, practitioner, service } = docs;
  await db.staff.insert(practitioner);
  await db.services.insert(service);
  await db.activity.insert(activityEntry({ entity: 'settings', entityId: settings.id, action: 'clinic.setup', summary: text('log.clinicSetUp', { name: settings.clinicName }), at: now, by: practitioner.id, deskId: settings.deskId }));
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
