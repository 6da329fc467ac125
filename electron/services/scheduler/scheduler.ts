/**
 * The main process's scheduler, one pass per tick (main's payment service ticks it every
 * minute with node-cron, at start, and when a desk asks to send now): it finds due work with indexed queries — scheduled requests by
 * [status, sendAt], open links by status — and acts on each once: sends due requests,
 * expires lapsed links, emails the clinic about link payments when it asked for that,
 * and after a crash turns half-sent jobs into `unknown` for staff.
 * Ticks never overlap; one that finds nothing costs two index lookups. Node-only.
 */
import { activityEntry } from '../../../shared/db/activity-log.js';
import { text } from '../../../shared/i18n/text.js';
import { problemFields } from '../../../shared/domain/link-request-status.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { sendDueRequest, type SenderDeps } from './send-request.js';
import { createDueDunningSteps } from './dunning-pass.js';
import { createClinicNotices } from './clinic-notices.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';

export interface Scheduler {
  /** Runs a pass now; resolves when done (a pass already running goes round once more and is awaited). */
  tick(): Promise<TickReport>;
  stop(): Promise<void>;
}

export interface TickReport {
  readonly sent: number;
  readonly failed: number;
  readonly unknown: number;
  readonly expired: number;
}

const EMPTY: TickReport = { sent: 0, failed: 0, unknown: 0, expired: 0 };

export function createScheduler(deps: () => SenderDeps | null): Scheduler {
  let running: Promise<TickReport> | null = null;
  let again = false;
  let recovered = false;
  const sendClinicNotices = createClinicNotices();

  async function recoverUnfinished(d: SenderDeps): Promise<number> {
    // Claimed but never recorded: the provider may have the message. Never re-sent by itself.
    let n = 0;
    for (const key of await d.claims.unfinished()) {
      const [requestId, channel] = key.split(':');
      const request = requestId ? await d.db.paymentrequests.findOne(requestId).exec() : null;
      await d.claims.finish(key, 'unknown');
      if (!request) continue;
      const now = d.now().toISOString();
      const which = { channel: channel === 'sms' ? 'sms' : 'email' };
      const problem = problemFields(text('msg.problem.maybeSent', which));
      await request.incrementalModify((current) => (current.status === 'scheduled' ? { ...current, status: 'unknown', ...problem, updatedAt: now, updatedBy: SYSTEM_ACTOR, deskId: d.deskId } : current));
      await d.db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action: 'link.unknown', summary: text('msg.log.maybeSent', which), at: now, by: SYSTEM_ACTOR, deskId: d.deskId }));
      n++;
    }
    return n;
  }

  async function pass(): Promise<TickReport> {
    const d = deps();
    if (!d) return EMPTY;
    const report = { sent: 0, failed: 0, unknown: 0, expired: 0 };
    if (!recovered) {
      report.unknown += await recoverUnfinished(d);
      recovered = true;
    }
    await createDueDunningSteps(d).catch((err: unknown) => d.log(`chasing: ${err instanceof Error ? err.message : String(err)}`));
    const nowIso = d.now().toISOString();
    const due = await d.db.paymentrequests.find({
      selector: { status: 'scheduled', sendAt: { $lte: nowIso } },
      sort: [{ status: 'asc' }, { sendAt: 'asc' }],
    }).exec();
    for (const r of due) {
      try {
        const result = await sendDueRequest(d, r.id);
        if (result === 'sent') report.sent++;
        else if (result === 'failed') report.failed++;
        else if (result === 'unknown') report.unknown++;
      } catch (err) {
        d.log(`sending payment request ${r.id} failed: ${err instanceof Error ? err.message : String(err)}`);
        report.failed++;
      }
    }
    report.expired += await expireLapsed(d, nowIso);
    await sendClinicNotices(d).catch((err: unknown) => d.log(`clinic notices: ${err instanceof Error ? err.message : String(err)}`));
    return report;
  }

  /**
   * Links that can no longer collect: lapsed (expired), paid elsewhere or voided (closed),
   * and cancelled or superseded ones still live at the provider (deactivated there).
   * Only open links and those closed in the last day are looked at (index on status, sendAt).
   */
  async function expireLapsed(d: SenderDeps, nowIso: string): Promise<number> {
    const open = await d.db.paymentrequests.find({ selector: { status: 'sent' }, sort: [{ status: 'asc' }, { sendAt: 'asc' }] }).exec();
    let n = 0;
    for (const r of open) {
      const invoice = await d.db.invoices.findOne(r.invoiceId).exec();
      const money = invoice ? await loadClientMoney(d.db, invoice.clientId) : null;
      const balance = money?.account.accounts.get(r.invoiceId)?.balanceMinor ?? 0;
      const lapsed = r.expiresAt !== '' && r.expiresAt <= nowIso;
      const closed = !invoice || invoice.status === 'void' || balance <= 0;
      if (!lapsed && !closed) continue;
      const end = await d.provider.expireLink(r.providerRef).catch((err: unknown) => { d.log(`expiring link ${r.providerRef}: ${String(err)}`); return null; });
      // The client paid through this very link: its payment may have synced here before the
      // request's own "paid" (or be on its way from the provider). It is not "paid in another way".
      if (end === 'completed') continue;
      let changed = false;
      const problem = problemFields(text(invoice?.status === 'void' ? 'msg.problem.invoiceVoided' : 'msg.problem.paidElsewhere'));
      await r.incrementalModify((current: PaymentRequestDoc) => {
        if (current.status !== 'sent') return current;
        changed = true;
        return lapsed
          ? { ...current, status: 'expired', updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: d.deskId }
          : { ...current, status: 'cancelled', expiresAt: nowIso, ...problem, updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: d.deskId };
      });
      if (changed) {
        n++;
        const summary = text(lapsed ? 'msg.log.expired' : invoice?.status === 'void' ? 'msg.log.closedVoided' : 'msg.log.closedPaid');
        await d.db.activity.insert(activityEntry({ entity: 'invoice', entityId: r.invoiceId, action: 'link.expired', summary, at: nowIso, by: SYSTEM_ACTOR, deskId: d.deskId }));
      }
    }
    const since = new Date(Date.parse(nowIso) - 25 * 3_600_000).toISOString();
    for (const status of ['cancelled', 'superseded'] as const) {
      const closed = await d.db.paymentrequests.find({ selector: { status, sendAt: { $gte: since } }, sort: [{ status: 'asc' }, { sendAt: 'asc' }] }).exec();
      for (const r of closed) {
        if (!r.providerRef || (r.expiresAt !== '' && r.expiresAt <= nowIso)) continue;
        await d.provider.expireLink(r.providerRef).catch((err: unknown) => d.log(`deactivating link ${r.providerRef}: ${String(err)}`));
        await r.incrementalModify((current: PaymentRequestDoc) => ({ ...current, expiresAt: nowIso, updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: d.deskId }));
      }
    }
    return n;
  }

  async function tick(): Promise<TickReport> {
    // A tick asked for while one runs makes that one go round again, so work written
    // just before the ask is always seen.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = { ...EMPTY };
      do {
        again = false;
        const r = await pass();
        total = { sent: total.sent + r.sent, failed: total.failed + r.failed, unknown: total.unknown + r.unknown, expired: total.expired + r.expired };
      } while (again);
      return total;
    })().finally(() => { running = null; });
    return running;
  }

  return {
    tick,
    async stop() {
      await running;
    },
  };
}
