/**
 * Applies a payment link event on this desk's database (the sandbox, or Stripe events a
 * standalone desk polls): the payment fact, once; the request's status; and a
 * line in the invoice log, by the rule the sync server applies too
 * (shared/domain/link-request-status.ts). A payment that takes the invoice past its balance
 * (two open links both paid) becomes client credit and is flagged in the log; money on a
 * cancelled, superseded or expired link is recorded and the request carries the notice
 * staff act on (refund or keep as credit). The documents then
 * reach other desks by sync. Node-only; used by main's payment services.
 */
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { activityEntry } from '../../../shared/db/activity-log.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { linkEventEffect, type LinkEvent } from '../../../shared/domain/payment-link-events.js';
import { formatMoney } from '../../../shared/domain/money.js';
import { CLINIC_SETTINGS_ID } from '../../../shared/schemas/index.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';

export type ApplyResult = 'applied' | 'duplicate' | 'unknown-request';

/** `desk`: this desk's id, recorded on what the event writes (docs/design.md invariant 11). */
export async function applyLinkEvent(db: ClinicDatabase, event: LinkEvent, now: string, desk: string): Promise<ApplyResult> {
  const request = await db.paymentrequests.findOne(event.requestId).exec();
  if (!request) return 'unknown-request';
  const effect = linkEventEffect(event, request, desk);
  let result: ApplyResult = 'duplicate';
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  const locale = settings?.locale ?? 'en-GB';

  if (effect.fact) {
    const exists = await db.payments.findOne(effect.fact.id).exec();
    if (!exists) {
      const before = await loadClientMoney(db, request.clientId);
      const balance = before.account.accounts.get(request.invoiceId)?.balanceMinor ?? 0;
      await db.payments.insert(effect.fact);
      result = 'applied';
      const money = (m: number) => formatMoney(m, effect.fact!.currency, locale);
      // Refunds are not link events: apply-refund.ts records them.
      const summary = effect.flag === 'paid-on-closed-link'
        ? `Paid ${money(effect.fact.amountMinor)} by payment link. ${effect.request?.problem ?? request.problem}`
        : effect.fact.amountMinor > balance
          ? `Paid ${money(effect.fact.amountMinor)} by payment link; ${money(effect.fact.amountMinor - Math.max(balance, 0))} above the balance kept as client credit — check for another open link`
          : `Paid ${money(effect.fact.amountMinor)} by payment link; balance now ${money(balance - effect.fact.amountMinor)}`;
      await db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action: 'link.paid', summary, at: now, by: SYSTEM_ACTOR, deskId: desk }));
    }
  }
  if (effect.request) {
    const target = effect.request;
    let changed = false;
    await request.incrementalModify((current) => {
      // Re-decided on the stored state: another event may have arrived meanwhile.
      const again = linkEventEffect(event, current, desk).request;
      if (!again || (again.status === current.status && again.problem === current.problem)) return current;
      changed = true;
      return { ...current, ...again, updatedAt: now, updatedBy: SYSTEM_ACTOR, deskId: desk };
    });
    if (changed) {
      result = 'applied';
      // A payment on a closed link is logged with its money above.
      if (!(effect.flag && effect.fact) && (target.status === 'processing' || target.status === 'expired' || target.problem)) {
        const summary = target.status === 'processing' ? 'Payment by link is processing' : target.status === 'expired' && !effect.flag ? 'Payment link expired' : target.problem;
        await db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action: `link.${target.status}`, summary, at: now, by: SYSTEM_ACTOR, deskId: desk }));
      }
    }
  }
  return result;
}
