/**
 * Sends one due payment request: completes its draft invoice if need be, asks no more
 * than the balance, creates the link, and sends each channel once — claimed first,
 * recorded after (docs/design.md invariant 5) — then records every message with its cost and
 * the request's new state in the invoice log. Node-only; called by the scheduler.
 */
import { payByDate } from '../../../shared/domain/dunning.js';
import { dunningScheduleOf } from '../../../shared/domain/payment-settings.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { activityEntry } from '../../../shared/db/activity-log.js';
import { insertOnce } from '../../../shared/db/operations.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { numberingFor } from '../../../shared/db/invoice-commands.js';
import { completeDraft } from '../../../shared/domain/invoice-completion.js';
import { messageCostMinor } from '../../../shared/domain/message-costs.js';
import { reminderFeeFact, reminderFeeId } from '../../../shared/domain/reminder-fees.js';
import { amountToAsk, fixedAmount, linkAmountOf, storedAmountMinor } from '../../../shared/domain/link-amount.js';
import { problemFields } from '../../../shared/domain/link-request-status.js';
import { messageSender } from '../../../shared/domain/message-sender.js';
import { localDateOf } from '../../../shared/domain/time.js';
import { newId } from '../../../shared/domain/ids.js';
import { messageTranslator, type PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { readerLanguage } from '../../../shared/i18n/locale.js';
import { moneyValue, text, type Text } from '../../../shared/i18n/text.js';
import type { Reader } from '../../../shared/i18n/translator.js';
import type { Channel } from '../../../shared/domain/payment-request-rules.js';
import { CLINIC_SETTINGS_ID, type InvoiceDoc, type MessageDoc, type PaymentRequestDoc } from '../../../shared/schemas/index.js';
import type { MessageTransport, SendOutcome } from '../messaging/types.js';
import { detailInEnglish, detailText } from '../messaging/outcome-detail.js';
import type { PaymentProvider } from '../payments/types.js';
import type { ClaimStore } from './claims.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/permissions.js';

export interface SenderDeps {
  readonly db: ClinicDatabase;
  readonly provider: PaymentProvider;
  readonly transport: MessageTransport;
  readonly claims: ClaimStore;
  /** The clinic's id at the sync server, or 'standalone'. */
  readonly clinicId: string;
  /** Enrolled: invoice numbers come from the server. */
  readonly synced: boolean;
  /** This desk's id, recorded on what the scheduler writes (docs/design.md invariant 11). */
  readonly deskId: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export type SendResult = 'sent' | 'skipped' | 'failed' | 'unknown' | 'cancelled';


/** What went wrong on each channel that did not send (a request has at most two: email and SMS). */
function channelProblems(problems: readonly Text[]): ReturnType<typeof problemFields> {
  const [first, second] = problems;
  if (!first) return problemFields(null);
  return problemFields(second ? text('msg.problem.twoChannels', { first, second }) : first);
}

/** Which channels went, in their order, for a message's `channels` select. */
const channelsKey = (channels: readonly Channel[]) => channels.join('_');

/** The message a request sends: its wording (PaymentMessageFacts) and its purpose on the messages record. */
const MESSAGE_KIND: Readonly<Record<PaymentRequestDoc['purpose'], NonNullable<PaymentMessageFacts['kind']> & MessageDoc['purpose']>> = {
  payment_link: 'payment_link', reminder: 'reminder', second_reminder: 'reminder', final_notice: 'final_notice', debt_collection: 'final_notice',
};

export async function sendDueRequest(deps: SenderDeps, requestId: string): Promise<SendResult> {
  const { db } = deps;
  const nowIso = deps.now().toISOString();
  const request = await db.paymentrequests.findOne(requestId).exec();
  if (!request || request.status !== 'scheduled' || request.sendAt > nowIso) return 'skipped';
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  const stored = await db.invoices.findOne(request.invoiceId).exec();
  const client = await db.clients.findOne(request.clientId).exec();
  const log = (summary: Text, action: string) => db.activity.insert(activityEntry({ entity: 'invoice', entityId: request.invoiceId, action, summary, at: nowIso, by: SYSTEM_ACTOR, deskId: deps.deskId }));
  // Why a request that stays scheduled did not go yet (it is tried again): logged once per request
  // and kind, never written on the request, which stays its asker's — so it still goes in their
  // name and completes its draft as theirs (shared/domain/message-sender.ts).
  const noteWaiting = (kind: 'w' | 'n', summary: Text) => insertOnce(db.activity, activityEntry({
    id: `${kind}-${request.id}`.slice(0, 40), entity: 'invoice', entityId: request.invoiceId, action: 'link.waiting', summary, at: nowIso, by: SYSTEM_ACTOR, deskId: deps.deskId,
  }));
  const settle = async (status: PaymentRequestDoc['status'], patch: Partial<PaymentRequestDoc>) => {
    await request.incrementalModify((current) => (current.status === 'scheduled' ? { ...current, ...patch, status, updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: deps.deskId } : current));
  };
  if (!settings || !stored || !client) {
    await settle('failed', problemFields(text('msg.problem.gone')));
    return 'failed';
  }
  if (stored.status === 'void') {
    await settle('cancelled', problemFields(text('msg.problem.voidedBeforeSend')));
    await log(text('msg.log.notSentVoided'), 'link.cancelled');
    return 'cancelled';
  }

  // Only the live link takes money (issue 12 point 3): a link this one replaces, or one cancelled,
  // is retired at the provider before a new one goes out. Unreachable provider: this one waits.
  const retired = await retireClosedLinks(deps, request.invoiceId, request.id, nowIso);
  if (!retired) {
    await noteWaiting('w', text('msg.problem.waitingToRetire'));
    return 'failed';
  }

  // Sending a payment message completes a draft (docs/product.md §2).
  let invoice: InvoiceDoc = stored.toMutableJSON();
  if (invoice.status === 'draft') {
    const done = completeDraft(invoice, settings, await numberingFor(db, deps.synced), { now: nowIso, actor: request.updatedBy, desk: deps.deskId });
    if (!done.ok) {
      await settle('failed', problemFields(done.text));
      await log(text('msg.log.notSentRefused', { reason: done.text }), 'link.failed');
      return 'failed';
    }
    await stored.incrementalModify((current) => (current.status === 'draft' ? done.value : current));
    invoice = (await db.invoices.findOne(invoice.id).exec())!.toMutableJSON();
    await log(text('msg.log.completedToSend', { number: String(invoice.number), hasNumber: invoice.number > 0 ? 'yes' : 'no' }), 'invoice.completed');
  }

  // Never ask for more than is left: a payment may have come in since the request was made.
  const money = await loadClientMoney(db, invoice.clientId);
  const balance = money.account.accounts.get(invoice.id)?.balanceMinor ?? 0;
  if (balance <= 0) {
    await settle('cancelled', problemFields(text('msg.problem.alreadyPaid')));
    await log(text('msg.log.notSentPaid'), 'link.cancelled');
    return 'cancelled';
  }
  // A chasing step asks for everything still owed (earlier fees are in the balance) plus
  // its own fee, charged once the step has gone out; a staff link for its amount, never
  // more than is left (shared/domain/link-amount.ts).
  const feeStep = request.purpose !== 'payment_link' && request.feeMinor > 0 ? request.purpose : null;
  const feeMinor = feeStep && !(await db.payments.findOne(reminderFeeId(invoice.id, feeStep)).exec()) ? request.feeMinor : 0;
  const amountMinor = amountToAsk(linkAmountOf(request), { balanceMinor: balance, feeMinor });
  const amount = (m: number) => moneyValue(m, invoice.currency);
  const expiresAt = new Date(deps.now().getTime() + settings.linkLifetimeHours * 3_600_000).toISOString();
  // The client reads the messages and the payment page in their own language (docs/decisions/0033-languages.md).
  const reader: Reader = { language: readerLanguage(client.language, settings.locale), clinicLocale: settings.locale, timeZone: settings.timeZone };
  const description = messageTranslator(reader).t('msg.linkDescription', { number: String(invoice.number), hasNumber: invoice.number > 0 ? 'yes' : 'no', clinic: settings.displayName });

  let link;
  try {
    link = await deps.provider.createLink({
      requestId: request.id, invoiceId: invoice.id, clinicId: deps.clinicId, amountMinor, currency: invoice.currency,
      // One key per attempt (each attempt has its own expiry, so its own body).
      description, expiresAt, idempotencyKey: `${request.id}:link:${nowIso}`, language: reader.language,
    });
  } catch (err) {
    const problem = text('msg.problem.linkNotCreated', { error: err instanceof Error ? err.message : String(err) });
    deps.log(problemFields(problem).problem);
    // Nothing reached the client; the request stays scheduled and the next tick tries again.
    await noteWaiting('n', problem);
    return 'failed';
  }

  // The clinic's name, or the staff member's who sent it when the clinic chose that (never a
  // practitioner's, never for the desk's own sends): shared/domain/message-sender.ts.
  const staff = await db.staff.findOne(request.updatedBy).exec();
  const sender = messageSender(settings, request, staff);
  // Each message's own deadline, in the future: a reminder's is not the invoice's past due date.
  const payBy = payByDate(request.purpose, invoice.dueDate, localDateOf(nowIso, settings.timeZone), dunningScheduleOf(settings));
  const facts: PaymentMessageFacts = {
    clinicName: settings.displayName, clientFirstName: client.firstName, invoiceNumber: invoice.number, amountMinor, currency: invoice.currency,
    dueDate: payBy, feeMinor, link: link.url, senderName: sender, kind: MESSAGE_KIND[request.purpose], reader,
  };
  const outcomes: { channel: Channel; to: string; outcome: SendOutcome }[] = [];
  for (const channel of request.channels) {
    const key = `${request.id}:${channel}`;
    if (!(await deps.claims.claim(key))) continue;
    const to = channel === 'email' ? client.email : client.phone;
    let outcome: SendOutcome;
    try {
      outcome = channel === 'email'
        ? await deps.transport.sendEmail({ key, to, fromName: sender, facts })
        : await deps.transport.sendSms({ key, to, facts });
    } catch (err) {
      outcome = { outcome: 'unknown', detail: text('msg.detail.verbatim', { detail: err instanceof Error ? err.message : String(err) }), segments: 1 };
    }
    await db.messages.insert({
      id: newId(), invoiceId: invoice.id, paymentRequestId: request.id, clientId: client.id, channel, purpose: MESSAGE_KIND[request.purpose],
      recipient: to.slice(0, 200), outcome: outcome.outcome, detail: detailInEnglish(outcome.detail).slice(0, 500),
      costMinor: outcome.outcome === 'failed' ? 0 : messageCostMinor(channel, outcome.segments, { emailMinor: settings.emailCostMinor, smsSegmentMinor: settings.smsSegmentCostMinor }),
      currency: settings.currency, at: nowIso, by: SYSTEM_ACTOR, deskId: deps.deskId,
    });
    await deps.claims.finish(key, outcome.outcome);
    outcomes.push({ channel, to, outcome });
  }

  const sent = outcomes.filter((o) => o.outcome.outcome === 'sent');
  const unknown = outcomes.filter((o) => o.outcome.outcome === 'unknown');
  const failed = outcomes.filter((o) => o.outcome.outcome === 'failed');
  const problems = channelProblems([...failed, ...unknown].map((o) => text('msg.problem.channel', { channel: o.channel, detail: detailText(o.outcome.detail) })));
  const status: PaymentRequestDoc['status'] = sent.length > 0 ? 'sent' : unknown.length > 0 ? 'unknown' : outcomes.length === 0 ? 'sent' : 'failed';
  if (feeStep && feeMinor > 0 && sent.length > 0) {
    // Charged only once the reminder that announces it has reached the client.
    const fee = reminderFeeFact({ invoiceId: invoice.id, clientId: invoice.clientId, step: feeStep, amountMinor: feeMinor, currency: invoice.currency, at: nowIso, desk: deps.deskId });
    // Already there (synced from a desk that recorded this step's fee): one step, one fee.
    await db.payments.insert(fee).catch(async (err: unknown) => { if (!(await db.payments.findOne(fee.id).exec())) throw err; });
    await log(text('chase.log.feeCharged', { fee: amount(feeMinor), step: feeStep }), 'fee.charged');
  }
  // Once sent, the request records what its link asked for.
  await settle(status, { sentAt: nowIso, linkUrl: link.url, providerRef: link.providerRef, expiresAt: link.expiresAt, amountMinor: storedAmountMinor(fixedAmount(amountMinor)), ...problems });
  const cost = sent.reduce((s, o) => s + messageCostMinor(o.channel, o.outcome.segments, { emailMinor: settings.emailCostMinor, smsSegmentMinor: settings.smsSegmentCostMinor }), 0);
  if (sent.length > 0) {
    await log(text('msg.log.sent', {
      purpose: request.purpose, amount: amount(amountMinor), channels: channelsKey(sent.map((o) => o.channel)), to: sent.map((o) => o.to).join(', '), cost: amount(cost),
    }), 'link.sent');
  }
  for (const o of [...failed, ...unknown]) {
    const values = { channel: o.channel, to: o.to, detail: detailText(o.outcome.detail) };
    await log(text(o.outcome.outcome === 'failed' ? 'msg.log.failed' : 'msg.log.unknown', values), `link.${o.outcome.outcome}`);
  }
  return status === 'sent' ? 'sent' : status === 'unknown' ? 'unknown' : 'failed';
}

/**
 * Retires at the provider every other link of this invoice that can no longer be meant to take
 * money — replaced (superseded) or cancelled — and is not known to be retired yet. False when the
 * provider could not be reached for one of them: the new link must wait. A link the client has
 * already paid through stays recorded as paid by the provider's events.
 */
async function retireClosedLinks(deps: SenderDeps, invoiceId: string, exceptId: string, nowIso: string): Promise<boolean> {
  const closed = await deps.db.paymentrequests.find({ selector: { invoiceId, status: { $in: ['superseded', 'cancelled'] } } }).exec();
  for (const r of closed) {
    if (r.id === exceptId || !r.providerRef || (r.expiresAt !== '' && r.expiresAt <= nowIso)) continue;
    try {
      await deps.provider.expireLink(r.providerRef, r.status === 'superseded' ? 'replaced' : 'closed');
    } catch (err) {
      deps.log(`retiring link ${r.providerRef} before a new one: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    await r.incrementalModify((current: PaymentRequestDoc) => ({ ...current, expiresAt: nowIso, updatedAt: nowIso, updatedBy: SYSTEM_ACTOR, deskId: deps.deskId }));
  }
  return true;
}
