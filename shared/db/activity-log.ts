/** Appends to the activity log. Entries are facts: inserted once, never edited. */
import type { ActivityDoc } from '../schemas/index.js';
import { newId } from '../domain/ids.js';
import type { ClinicDatabase } from './database.js';

export type ActivityInput = Omit<ActivityDoc, 'id'> & { readonly id?: string };

/** `id`: an operation's own (shared/db/operations.ts partId), so a repeat finds it; a fresh one otherwise. */
export function activityEntry(input: ActivityInput): ActivityDoc {
  const { id, ...rest } = input;
  return { id: id ?? newId(), ...rest };
}

export async function logActivity(db: ClinicDatabase, input: ActivityInput): Promise<void> {
  await db.activity.insert(activityEntry(input));
}
