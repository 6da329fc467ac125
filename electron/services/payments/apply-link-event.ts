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
import { LINK_STATUS_LABELS, requestProblem } from '../../../shared/domain/link-request-status.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';
import { moneyValue, text } from '../../../shared/i18n/text.js';

export type ApplyResult = 'applied' | 'duplicate' | 'unknown-request';

/** `desk`: this desk's id, recorded on what the event writes (docs/design.md invariant 11). */
export async function applyLinkEvent(db: ClinicDatabase, event: LinkEvent, now: string, desk: string): Promise<ApplyResult> {
  const request = await db.paymentrequests.findOne(event.requestId).exec();
  if (!request) return 'unknown-request';
  const effect = linkEventEffect(event, request, desk);
  let result: ApplyResult = 'duplicate';

  if (effect.fact) {
    const exists = await db.payments.findOne(effect.fact.id).exec();
    if (!exists) {
      const before = await loadClientMoney(db, request.clientId);
      const balance = before.account.accounts.get(request.invoiceId)?.balanceMinor ?? 0;
      await db.payments.insert(effect.fact);
      result = 'applied';
      const money = (m: number) => moneyValue(m, effect.fact!.currency);
      const amount = money(effect.fact.amountMinor);
      // Refunds are not link events: apply-refund.ts records them. The request's notice is its
      // problem as the link rule words it (shared/domain/link-request-status.ts).
      const summary = effect.flag === 'paid-on-closed-link'
        ? text('main.log.paidOnClosedLink', { amount, notice: requestProblem(effect.request ?? request) ?? '' })
        : effect.fact.amountMinor > balance
          ? text('main.log.paidAboveBalance', { amount, above: money(effect.fact.amountMinor - Math.max(balance, 0)) })
          : text('main.log.paid', { amount, balance: money(balance - effect.fact.amountMinor) });
      await db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action: 'link.paid', summary, at: now, by: SYSTEM_ACTOR, deskId: desk }));
    }
  }
  if (effect.request) {
    const target = effect.request;
    let changed = false;
    await request.incrementalModify((current) => {
      // Re-decided on the stored state: another event may have arrived meanwhile.
      const again = linkEventEffect(event, current, desk).request;
      if (!again) return current;
      changed = true;
      return { ...current, ...again, updatedAt: now, updatedBy: SYSTEM_ACTOR, deskId: desk };
    });
    if (changed) {
      result = 'applied';
      // A payment on a closed link is logged with its money above.
      if (!(effect.flag && effect.fact) && (target.status === 'processing' || target.status === 'expired' || target.problem)) {
        // Otherwise the request's notice, as the link rule words it.
        const notice = requestProblem(target);
        const summary = target.status === 'processing' ? text('main.log.linkProcessing')
          : target.status === 'expired' && !effect.flag ? text('main.log.linkExpired')
            : notice !== null && typeof notice !== 'string' ? notice : text('main.log.linkChanged', { status: text(LINK_STATUS_LABELS[target.status]) });
        await db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action: `link.${target.status}`, summary, at: now, by: SYSTEM_ACTOR, deskId: desk }));
      }
    }
  }
  return result;
}
