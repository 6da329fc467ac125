/** Creating and finding clients. */
import type { ClientDoc } from '../schemas/index.js';
import { checkClient, clientQueryWords, type ClientInput } from '../domain/clients.js';
import { newId } from '../domain/ids.js';
import { RefusedError } from '../domain/result.js';
import { DESK_ACTOR } from '../domain/setup.js';
import type { ClinicDatabase } from './database.js';

/** `actor`: the staff member signed in on the desk, recorded as the writer. */
export async function createClient(db: ClinicDatabase, input: ClientInput, today: string, now: string, actor = DESK_ACTOR): Promise<ClientDoc> {
  const checked = checkClient(input, today);
  if (!checked.ok) throw new RefusedError(checked);
  const doc: ClientDoc = { id: newId(), ...checked.value, createdAt: now, updatedAt: now, updatedBy: actor };
  await db.clients.insert(doc);
  return doc;
}

/**
 * Clients whose name, email or phone contain every word typed, in name order.
 * The words are matched in the query engine (no documents built for non-matches).
 */
export async function findClients(db: ClinicDatabase, query: string, limit = 50): Promise<ClientDoc[]> {
  const words = clientQueryWords(query);
  const selector = words.length === 0 ? {} : { $and: words.map((w) => ({ searchText: { $regex: escapeRegex(w) } })) };
  const docs = await db.clients.find({ selector, sort: [{ sortName: 'asc' }], limit }).exec();
  return docs.map((d) => d.toMutableJSON());
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
