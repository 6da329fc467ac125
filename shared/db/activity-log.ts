/** Appends to the activity log. Entries are facts: inserted once, never edited. */
import type { ActivityDoc } from '../schemas/index.js';
import { newId } from '../domain/ids.js';
import type { Text } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';
import { parseStoredText, storedText } from '../i18n/stored-text.js';
import type { ClinicDatabase } from './database.js';

/**
 * What happened, as a Text, so each reader's log reads in their language
 * (docs/decisions/0033-languages.md); the English `summary` stays for older desks and audits.
 */
export type ActivityInput = Omit<ActivityDoc, 'id' | 'summary'> & { readonly id?: string; readonly summary: Text };

/** `id`: an operation's own (shared/db/operations.ts partId), so a repeat finds it; a fresh one otherwise. */
export function activityEntry(input: ActivityInput): ActivityDoc {
  const { id, summary, ...rest } = input;
  const summaryText = storedText(summary);
  const entry: ActivityDoc = { id: id ?? newId(), ...rest, summary: inEnglish(summary).slice(0, 500) };
  return summaryText ? { ...entry, summaryText } : entry;
}

/** What a log entry says, for any reader: its Text when this code can read it, else its English summary. */
export function summaryOf(entry: Pick<ActivityDoc, 'summary' | 'summaryText'>): Text | string {
  return parseStoredText(entry.summaryText) ?? entry.summary;
}

export async function logActivity(db: ClinicDatabase, input: ActivityInput): Promise<void> {
  await db.activity.insert(activityEntry(input));
}
