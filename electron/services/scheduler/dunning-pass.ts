/**
 * Chasing unpaid invoices (docs/product.md §5): each pass finds completed invoices whose due
 * date lies in the chasing window — an indexed range query on [status, dueDate], never a
 * scan of every invoice — asks shared/domain/dunning.ts for the step due today, and
 * writes it as a payment request that the normal send path delivers with a fresh link for
 * what is still owed. The request id is derived from the invoice and step, so two desks
 * that both decide a step is due write the same document and the step is sent once.
 * The last step sends nothing: it marks the invoice ready for debt collection.
 * Node-only; part of main's scheduler.
 */
import { FINAL_NOTICE_MIN_DAYS } from '../../../shared/domain/debt-law.js';
import { activityEntry } from '../../../shared/db/activity-log.js';
import { loadClientMoney, type ClientMoney } from '../../../shared/db/client-money.js';
import { reachableChannels } from '../../../shared/domain/contact.js';
import { BALANCE_AMOUNT, fixedAmount, storedAmountMinor } from '../../../shared/domain/link-amount.js';
import { dunningDueToday, type DunningStep, type StepDone } from '../../../shared/domain/dunning.js';
import { moneyValue, text } from '../../../shared/i18n/text.js';
import { problemFields } from '../../../shared/domain/link-request-status.js';
import { dunningScheduleOf } from '../../../shared/domain/payment-settings.js';
import { addDays, localDateOf, type LocalDate } from '../../../shared/domain/time.js';
import { CLINIC_SETTINGS_ID, type PaymentRequestDoc } from '../../../shared/schemas/index.js';
import type { SenderDeps } from './send-request.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';

/** Steps still running: the next one waits until these are settled or reviewed. */
const PENDING: readonly PaymentRequestDoc['status'][] = ['scheduled', 'unknown', 'failed'];
/**
 * How far back the window reaches beyond the schedule: a desk closed for up to this many
 * days still finds every invoice it must chase when it opens again.
 */
export const CATCH_UP_DAYS = 90;

export const dunningRequestId = (invoiceId: string, step: DunningStep) => `dun-${step}-${invoiceId}`.slice(0, 40);

export async function createDueDunningSteps(d: SenderDeps): Promise<number> {
  const settings = await d.db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) return 0;
  const schedule = dunningScheduleOf(settings);
  const nowIso = d.now().toISOString();
  const today = localDateOf(nowIso, settings.timeZone);
  // Due date to debt collection at the latest: collection falls the day after the final notice's deadline.
  const span = schedule.reminderAfterDueDays + schedule.secondReminderAfterDays + schedule.finalNoticeAfterDays + Math.max(FINAL_NOTICE_MIN_DAYS.value, schedule.finalNoticeGivesDays) + 1;
  const from = addDays(today, -(span + CATCH_UP_DAYS));
  const to = addDays(today, -schedule.reminderAfterDueDays);
  const candidates = await d.db.invoices.find({
    selector: { status: 'completed', dueDate: { $gte: from, $lte: to } },
    sort: [{ status: 'asc' }, { dueDate: 'asc' }],
  }).exec();
  let created = 0;
  // One read of a client's money per pass, however many of their invoices are overdue.
  const money = new Map<string, Promise<ClientMoney>>();
  for (const invoiceDoc of candidates) {
    const invoice = invoiceDoc.toMutableJSON();
    if (invoice.kind !== 'invoice' || !invoice.dueDate) continue;
    if (!money.has(invoice.clientId)) money.set(invoice.clientId, loadClientMoney(d.db, invoice.clientId));
    const [clientMoney, requests] = await Promise.all([
      money.get(invoice.clientId)!,
      d.db.paymentrequests.find({ selector: { invoiceId: invoice.id }, sort: [{ invoiceId: 'asc' }, { createdAt: 'asc' }] }).exec(),
    ]);
    const account = clientMoney.account.accounts.get(invoice.id);
    if (!account) continue;
    const steps = requests.filter((r) => r.purpose !== 'payment_link');
    if (steps.some((r) => PENDING.includes(r.status))) continue;
    const done: StepDone[] = steps
      .map((r) => ({ step: r.purpose as DunningStep, on: localDateOf(r.sentAt || r.createdAt, settings.timeZone), feeMinor: r.feeMinor }))
      .sort((a, b) => (a.on < b.on ? -1 : 1));
    const next = dunningDueToday({
      dueDate: invoice.dueDate, balanceMinor: account.balanceMinor, settled: account.bucket === 'settled',
      paymentProcessing: requests.some((r) => r.status === 'processing'), done,
    }, schedule, today as LocalDate);
    if (!next) continue;

    const client = await d.db.clients.findOne(invoice.clientId).exec();
    const channels = reachableChannels(client);
    const last = next.step === 'debt_collection';
    const id = dunningRequestId(invoice.id, next.step);
    const problem = !last && channels.length === 0 ? text('chase.problem.noChannel') : null;
    const request: PaymentRequestDoc = {
      // A step asks for what is owed when it goes out; the last one records what was owed when marked.
      id, invoiceId: invoice.id, clientId: invoice.clientId, amountMinor: storedAmountMinor(last ? fixedAmount(account.balanceMinor) : BALANCE_AMOUNT), currency: invoice.currency,
      channels: last ? [] : channels, purpose: next.step, status: last ? 'sent' : channels.length === 0 ? 'failed' : 'scheduled',
      sendAt: nowIso, sentAt: last ? nowIso : '', linkUrl: '', providerRef: '', expiresAt: '', feeMinor: next.feeMinor,
      ...problemFields(problem),
      createdAt: nowIso, updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: d.deskId,
    };
    if (await d.db.paymentrequests.findOne(id).exec()) continue;
    await d.db.paymentrequests.insert(request);
    created++;
    const owed = moneyValue(next.amountMinor, invoice.currency);
    const summary = last
      ? text('chase.log.ready', { owed })
      : text('chase.log.due', {
        step: next.step, owed, fee: moneyValue(next.feeMinor, invoice.currency), hasFee: next.feeMinor > 0 ? 'yes' : 'no',
        problem: problem ?? '', hasProblem: problem ? 'yes' : 'no',
      });
    await d.db.activity.insert(activityEntry({
      entity: 'invoice', entityId: invoice.id, action: `dunning.${next.step}`,
      summary,
      at: nowIso, by: SYSTEM_ACTOR, deskId: d.deskId,
    }));
  }
  return created;
}
