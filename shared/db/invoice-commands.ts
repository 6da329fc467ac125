/** Invoice life-cycle commands on the desk's database. */
import type { InvoiceDoc } from '../schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { completeDraft } from '../domain/invoice-completion.js';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';

/**
 * Completes a draft. `synced`: the clinic's server assigns the number (the invoice
 * shows "number pending" until it arrives); otherwise this desk takes the next number.
 */
export async function completeInvoice(db: ClinicDatabase, invoiceId: string, options: { synced: boolean; actor: string; now?: string }): Promise<InvoiceDoc> {
  const now = options.now ?? new Date().toISOString();
  const [doc, settings] = await Promise.all([db.invoices.findOne(invoiceId).exec(), db.settings.findOne(CLINIC_SETTINGS_ID).exec()]);
  if (!doc) throw new RefusedError({ ok: false, message: 'This invoice no longer exists.' });
  if (!settings) throw new RefusedError({ ok: false, message: 'The clinic is not set up yet.' });
  let nextNumber = 1;
  if (!options.synced) {
    const last = await db.invoices.findOne({ selector: { number: { $gt: 0 } }, sort: [{ number: 'desc' }] }).exec();
    nextNumber = (last?.number ?? 0) + 1;
  }
  const numbering = options.synced ? { kind: 'server' as const } : { kind: 'local' as const, nextNumber };
  let outcome: ReturnType<typeof completeDraft> | null = null;
  // Completed from the stored state at write time, so a concurrent edit is not lost.
  await doc.incrementalModify((current) => {
    outcome = completeDraft(current, settings, numbering, now, options.actor);
    return outcome.ok ? outcome.value : current;
  });
  const result = outcome as ReturnType<typeof completeDraft> | null;
  if (!result) throw new Error('invoice was not modified');
  if (!result.ok) throw new RefusedError(result);
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: invoiceId, action: 'invoice.completed',
    summary: result.value.number > 0 ? `Completed as invoice ${result.value.number}` : 'Completed; number pending from the sync server', at: now, by: options.actor,
  }));
  return result.value;
}
