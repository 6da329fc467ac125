/** Creating, changing and finding clients. */
import type { ClientDoc } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp, type Actor } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { checkClient, clientName, clientQueryWords, describeClientChange, type ClientInput } from '../domain/clients.js';
import { newId } from '../domain/ids.js';
import { refuse, RefusedError } from '../domain/result.js';
import { listValues } from '../domain/text-lists.js';
import { text, type Text } from '../i18n/text.js';
import { localDateOf } from '../domain/time.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

/** `by`: the staff member signed in on the desk, recorded as the writer; they need the booking permission. */
export async function createClient(db: ClinicDatabase, input: ClientInput, today: string, by: Actor): Promise<ClientDoc> {
  await requirePermission(db, by.actor, 'book', 'operation.addClients');
  const checked = checkClient(input, today);
  if (!checked.ok) throw new RefusedError(checked);
  const doc: ClientDoc = { id: newId(), ...checked.value, ...createStamp(by) };
  await db.clients.insert(doc);
  return doc;
}

/**
 * Changes a client's details, checked exactly as a new client is (checkClient), and logs
 * which fields changed on the client. Saving unchanged details, or saving twice (a double
 * click), writes and logs nothing more: the change is worked out inside the write, against
 * the stored state.
 */
export async function updateClient(db: ClinicDatabase, clientId: string, input: ClientInput, ctx: DeskActor): Promise<ClientDoc> {
  await requirePermission(db, ctx.actor, 'book', 'operation.changeClient');
  const [stored, settings] = await Promise.all([db.clients.findOne(clientId).exec(), db.settings.findOne(CLINIC_SETTINGS_ID).exec()]);
  if (!stored) throw new RefusedError(refuse('client.refused.gone'));
  if (!settings) throw new RefusedError(refuse('setup.refused.notSetUp'));
  const checked = checkClient(input, localDateOf(ctx.now, settings.timeZone));
  if (!checked.ok) throw new RefusedError(checked);
  const fields = checked.value;

  let change: Text[] = [];
  let before = '';
  const after = await stored.incrementalModify((current) => {
    change = describeClientChange(current, fields);
    before = clientName(current);
    return change.length === 0 ? current : { ...current, ...fields, ...changeStamp(ctx) };
  });
  if (change.length > 0) {
    await db.activity.insert(activityEntry({
      entity: 'client', entityId: clientId, action: 'client.updated',
      summary: text('log.clientUpdated', { name: before, ...listValues(change, { count: 'count', item: 'c' }) }), ...factStamp(ctx),
    }));
  }
  return after.toMutableJSON();
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
