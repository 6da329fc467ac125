/**
 * A staff member chooses their own screen language (docs/decisions/0033-languages.md): the one
 * change to their staff document they may make without an admin, besides their secret, under
 * the same rule the sync server applies (shared/domain/staff-permissions.ts). Imported by the
 * renderer.
 */
import type { StaffDoc } from '../schemas/index.js';
import { changeStamp } from '../domain/actor.js';
import { RefusedError } from '../domain/result.js';
import { staffChangePermission } from '../domain/staff-permissions.js';
import { isLanguage } from '../i18n/catalogues/index.js';
import { text } from '../i18n/text.js';
import type { ClinicDatabase } from './database.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

/** `language`: a catalogue's code, or '' for the clinic's. Choosing the one already chosen writes nothing. */
export async function chooseOwnLanguage(db: ClinicDatabase, language: string, ctx: DeskActor): Promise<StaffDoc> {
  if (language !== '' && !isLanguage(language)) throw new RefusedError({ text: text('field.language.unknown') });
  const stored = await db.staff.findOne(ctx.actor).exec();
  if (!stored) throw new RefusedError({ text: text('field.language.noStaff') });
  const before = stored.toMutableJSON();
  if ((before.language ?? '') === language) return before;
  const after = { ...before, language, ...changeStamp(ctx) };
  await requirePermission(db, ctx.actor, staffChangePermission(before, after, ctx.actor), 'field.language.choose');
  const written = await stored.incrementalPatch({ language, ...changeStamp(ctx) });
  return written.toMutableJSON();
}
