/** Appends to the activity log. Entries are facts: inserted once, never edited. */
import type { ActivityDoc } from '../schemas/index.js';
import { newId } from '../domain/ids.js';
import type { ClinicDatabase } from './database.js';

export type ActivityInput = Omit<ActivityDoc, 'id'>;

export function activityEntry(input: ActivityInput): ActivityDoc {
  return { id: newId(), ...input };
}

export async function logActivity(db: ClinicDatabase, input: ActivityInput): Promise<void> {
  await db.activity.insert(activityEntry(input));
}
