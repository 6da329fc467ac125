/**
 * Payment links from the desk: ask for the balance or a part by email and/or SMS, now or
 * later; cancel a link; send a new one in place of an old one. These write the request
 * (needs billing); the main process sends due requests and records what happened
 * (electron/services/scheduler). A request never asks for more than the balance.
 */
import type { PaymentRequestDoc } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { payableAccount } from '../domain/ledger.js';
import { invoiceTotals } from '../domain/invoice-math.js';
import { amountToAsk, fixedAmount, linkAmountOf, storedAmountMinor } from '../domain/link-amount.js';
import { planPaymentRequest, type PaymentRequestInput } from '../domain/payment-request-rules.js';
import { refuse, RefusedError } from '../domain/result.js';
import { instantValue, moneyValue, text, type MessageId, type Text } from '../i18n/text.js';
import { paidOnClosedNotice } from '../domain/link-request-status.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';
import { insertOnce, isRepeat, journaled, modifyAs, partId } from './operations.js';
import { paymentsActive } from '../domain/activation.js';
import { problemFields } from '../domain/link-request-status.js';

function refused(id: MessageId, field?: string): never {
  throw new RefusedError(refuse(id, field));
}

/** Requests still able to collect money: superseded when a new one is sent in their place. */
export const OPEN_REQUEST_STATUSES: readonly PaymentRequestDoc['status'][] = ['scheduled', 'sent', 'processing', 'unknown'];

/** The channels a link goes by, in their order: "email", "SMS and email". */
export function channelsValue(channels: readonly ('email' | 'sms')[]): Text {
  const [first] = channels;
  const key = first === undefined ? 'none' : channels.length === 1 ? first : first === 'sms' ? 'smsEmail' : 'emailSms';
  return text('link.channels', { channels: key });
}

/**
 * Asks for the balance or a part of it by link. Commit point: the request (its id from the
 * operation, docs/decisions/0025-operations.md); the log entry follows, so the same operation
 * twice — a double click on Send — writes one request and sends one link.
 * `input` may be worked out from the invoice's balance as read here (a resend asks for
 * what is left), so the client's money is read once.
 */
export async function createPaymentRequest(
  db: ClinicDatabase, invoiceId: string, input: PaymentRequestInput | ((balanceMinor: number) => PaymentRequestInput), ctx: DeskActor,
): Promise<PaymentRequestDoc> {
  const requestId = partId(ctx, 'request');
  // A function input is a resend's, which journals itself; a plain one can be run again as it is.
  const args = typeof input === 'function' ? null : { invoiceId, input };
  const write = () => writePaymentRequest(db, invoiceId, input, requestId, ctx);
  return args ? journaled(db, ctx, { command: 'createPaymentRequest', args, commit: { collection: 'paymentrequests', id: requestId } }, write) : write();
}

async function writePaymentRequest(
  db: ClinicDatabase, invoiceId: string, input: PaymentRequestInput | ((balanceMinor: number) => PaymentRequestInput), requestId: string, ctx: DeskActor,
): Promise<PaymentRequestDoc> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'billing', 'operation.sendPaymentLinks');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('setup.refused.notSetUp');
  if (!paymentsActive(settings)) refused('activation.refused.linksOff');
  const earlier = await db.paymentrequests.findOne(requestId).exec();
  if (earlier) return logRequest(db, earlier.toMutableJSON(), ctx);
  const invoiceDoc = await db.invoices.findOne(invoiceId).exec();
  if (!invoiceDoc) refused('invoice.refused.gone');
  const invoice = invoiceDoc.toMutableJSON();
  const client = await db.clients.findOne(invoice.clientId).exec();
  if (!client) refused('invoice.refused.clientGone');
  const money = await loadClientMoney(db, invoice.clientId);
  // A draft is completed when its link is sent, and then charges its total.
  const balance = payableAccount(invoice, money.account.accounts.get(invoiceId)).balanceMinor;
  const asked = typeof input === 'function' ? input(balance) : input;
  const plan = planPaymentRequest(invoice.status === 'draft' ? { ...invoice, status: 'completed' } : invoice, balance, client, asked, now);
  if (!plan.ok) throw new RefusedError(plan);
  const request: PaymentRequestDoc = {
    id: requestId, invoiceId, clientId: invoice.clientId, amountMinor: storedAmountMinor(fixedAmount(plan.value.amountMinor)), currency: invoice.currency,
    channels: plan.value.channels, purpose: 'payment_link', status: 'scheduled', sendAt: plan.value.sendAt, sentAt: '', linkUrl: '',
    providerRef: '', expiresAt: '', feeMinor: 0, ...problemFields(null), ...createStamp(ctx),
  };
  await insertOnce(db.paymentrequests, request);
  return logRequest(db, request, ctx);
}

/** The request's log entry, once per operation. */
async function logRequest(db: ClinicDatabase, request: PaymentRequestDoc, ctx: DeskActor): Promise<PaymentRequestDoc> {
  const invoice = (await db.invoices.findOne(request.invoiceId).exec())?.toMutableJSON();
  const amountMinor = linkAmountOf(request).kind === 'fixed' ? request.amountMinor : (invoice ? invoiceTotals(invoice.lines).totalMinor : 0);
  const part = invoice && amountMinor < invoiceTotals(invoice.lines).totalMinor ? 'yes' : 'no';
  await insertOnce(db.activity, activityEntry({
    id: partId(ctx, 'log'), entity: 'invoice', entityId: request.invoiceId, action: 'link.requested',
    summary: text('log.linkRequested', {
      amount: moneyValue(amountMinor, request.currency), part, channels: channelsValue(request.channels),
      when: request.sendAt === request.updatedAt ? 'now' : 'later', sendAt: instantValue(request.sendAt),
    }), ...factStamp(ctx),
  }));
  return request;
}

/** Cancels a link that has not been paid: a scheduled one never goes; a sent one is expired at the provider by main. */
export async function cancelPaymentRequest(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  return journaled(db, ctx, { command: 'cancelPaymentRequest', args: { requestId }, commit: { collection: 'paymentrequests', id: requestId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.cancelPaymentLinks');
    const doc = await db.paymentrequests.findOne(requestId).exec();
    if (!doc) refused('link.refused.gone');
    // The same operation again (a double click, a retry after its log write failed): finish it.
    if (!isRepeat(ctx, doc.status === 'cancelled')) {
      if (doc.status === 'paid') refused('link.refused.paidNothingToCancel');
      if (doc.status === 'processing') refused('link.refused.processing');
      if (!OPEN_REQUEST_STATUSES.includes(doc.status)) refused('link.refused.notOpen');
      let cancelled = false;
      await modifyAs(ctx, doc)((current) => {
        if (!OPEN_REQUEST_STATUSES.includes(current.status) || current.status === 'processing') return current;
        cancelled = true;
        return { ...current, status: 'cancelled', ...changeStamp(ctx) };
      });
      if (!cancelled) refused('link.refused.changedWhileCancelling');
    }
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: doc.invoiceId, action: 'link.cancelled', summary: text('log.linkCancelled'), ...factStamp(ctx),
    }));
    return (await db.paymentrequests.findOne(requestId).exec())!.toMutableJSON();
  });
}

/**
 * Sends a new link in place of an old one (e.g. it expired or the client lost it): the old
 * one is superseded and the new one asks for what is left, by the same channels, now.
 */
export async function resendPaymentRequest(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  const freshId = partId(ctx, 'request');
  return journaled(db, ctx, { command: 'resendPaymentRequest', args: { requestId }, commit: { collection: 'paymentrequests', id: freshId } }, async () => {
    const old = await db.paymentrequests.findOne(requestId).exec();
    if (!old) refused('link.refused.gone');
    // The same operation again (a double click on Resend): the new link is there; only the old one's retiring may be left.
    const earlier = await db.paymentrequests.findOne(freshId).exec();
    if (!earlier && old.status === 'paid') refused('link.refused.paidNothingToResend');
    if (!earlier && old.status === 'superseded') refused('link.refused.alreadyReplaced');
    // The old amount, or what is left when less (an automatic link asked for the balance).
    const fresh = await createPaymentRequest(db, old.invoiceId, (balance) => ({ amount: amountToAsk(linkAmountOf(old), { balanceMinor: balance }), channels: old.channels }), ctx);
    await modifyAs(ctx, old)((current) => (OPEN_REQUEST_STATUSES.includes(current.status) || current.status === 'expired' || current.status === 'failed'
      ? { ...current, status: 'superseded', ...changeStamp(ctx) }
      : current));
    return fresh;
  });
}

/** The log entry that says money paid on this closed link was kept as client credit: one per request. */
export const keptAsCreditAction = (requestId: string) => `link.keptAsCredit:${requestId}`;

/**
 * Staff keep money that came in on a cancelled, replaced or expired link as the client's credit
 * (issue 12 point 3): the notice's other choice beside Refund to card. Nothing moves — the
 * payment is already recorded and its excess is credit — so the log entry is the record, and
 * the link's notice stops asking. Commit point: the entry.
 */
export async function keepPaidAsCredit(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<void> {
  const staff = await requirePermission(db, ctx.actor, 'billing', 'operation.keepAsCredit');
  const doc = await db.paymentrequests.findOne(requestId).exec();
  if (!doc) refused('link.refused.gone');
  if (!paidOnClosedNotice(doc)) refused('link.refused.nothingPaidAfterClose');
  const action = keptAsCreditAction(requestId);
  if (await db.activity.findOne({ selector: { entityId: doc.invoiceId, action } }).exec()) return;
  await insertOnce(db.activity, activityEntry({
    id: partId(ctx, 'log'), entity: 'invoice', entityId: doc.invoiceId, action,
    summary: text('log.keptAsCredit', { name: staff.name }), ...factStamp(ctx),
  }));
}
