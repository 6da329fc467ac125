/**
 * Payment links from the desk: ask for the balance or a part by email and/or SMS, now or
 * later; cancel a link; send a new one in place of an old one. These write the request
 * (needs billing); the main process sends due requests and records what happened
 * (electron/services/scheduler). A request never asks for more than the balance.
 */
import type { PaymentRequestDoc } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { formatMoney } from '../domain/money.js';
import { payableAccount } from '../domain/ledger.js';
import { invoiceTotals } from '../domain/invoice-math.js';
import { amountToAsk, fixedAmount, linkAmountOf, storedAmountMinor } from '../domain/link-amount.js';
import { planPaymentRequest, type PaymentRequestInput } from '../domain/payment-request-rules.js';
import { RefusedError } from '../domain/result.js';
import { paidOnClosedNotice } from '../domain/link-request-status.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';
import { insertOnce, isRepeat, journaled, modifyAs, partId } from './operations.js';

function refused(message: string, field?: string): never {
  throw new RefusedError(field ? { ok: false, message, field } : { ok: false, message });
}

/** Requests still able to collect money: superseded when a new one is sent in their place. */
export const OPEN_REQUEST_STATUSES: readonly PaymentRequestDoc['status'][] = ['scheduled', 'sent', 'processing', 'unknown'];

const CHANNEL_WORDS = { email: 'email', sms: 'SMS' } as const;

export function channelsText(channels: readonly ('email' | 'sms')[]): string {
  return channels.map((c) => CHANNEL_WORDS[c]).join(' and ');
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
  await requirePermission(db, ctx.actor, 'billing', 'send payment links');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('The clinic is not set up yet.');
  const earlier = await db.paymentrequests.findOne(requestId).exec();
  if (earlier) return logRequest(db, earlier.toMutableJSON(), settings.locale, ctx);
  const invoiceDoc = await db.invoices.findOne(invoiceId).exec();
  if (!invoiceDoc) refused('This invoice no longer exists.');
  const invoice = invoiceDoc.toMutableJSON();
  const client = await db.clients.findOne(invoice.clientId).exec();
  if (!client) refused("This invoice's client no longer exists.");
  const money = await loadClientMoney(db, invoice.clientId);
  // A draft is completed when its link is sent, and then charges its total.
  const balance = payableAccount(invoice, money.account.accounts.get(invoiceId)).balanceMinor;
  const asked = typeof input === 'function' ? input(balance) : input;
  const plan = planPaymentRequest(invoice.status === 'draft' ? { ...invoice, status: 'completed' } : invoice, balance, client, asked, settings.locale, now);
  if (!plan.ok) throw new RefusedError(plan);
  const request: PaymentRequestDoc = {
    id: requestId, invoiceId, clientId: invoice.clientId, amountMinor: storedAmountMinor(fixedAmount(plan.value.amountMinor)), currency: invoice.currency,
    channels: plan.value.channels, purpose: 'payment_link', status: 'scheduled', sendAt: plan.value.sendAt, sentAt: '', linkUrl: '',
    providerRef: '', expiresAt: '', feeMinor: 0, problem: '', ...createStamp(ctx),
  };
  await insertOnce(db.paymentrequests, request);
  return logRequest(db, request, settings.locale, ctx);
}

/** The request's log entry, once per operation. */
async function logRequest(db: ClinicDatabase, request: PaymentRequestDoc, locale: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  const invoice = (await db.invoices.findOne(request.invoiceId).exec())?.toMutableJSON();
  const amountMinor = linkAmountOf(request).kind === 'fixed' ? request.amountMinor : (invoice ? invoiceTotals(invoice.lines).totalMinor : 0);
  const amount = formatMoney(amountMinor, request.currency, locale);
  const part = invoice && amountMinor < invoiceTotals(invoice.lines).totalMinor ? ' (part amount)' : '';
  const when = request.sendAt === request.updatedAt ? 'to send now' : `to send at ${request.sendAt}`;
  await insertOnce(db.activity, activityEntry({
    id: partId(ctx, 'log'), entity: 'invoice', entityId: request.invoiceId, action: 'link.requested',
    summary: `Payment link for ${amount}${part} by ${channelsText(request.channels)}, ${when}`, ...factStamp(ctx),
  }));
  return request;
}

/** Cancels a link that has not been paid: a scheduled one never goes; a sent one is expired at the provider by main. */
export async function cancelPaymentRequest(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  return journaled(db, ctx, { command: 'cancelPaymentRequest', args: { requestId }, commit: { collection: 'paymentrequests', id: requestId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'cancel payment links');
    const doc = await db.paymentrequests.findOne(requestId).exec();
    if (!doc) refused('This payment link no longer exists.');
    // The same operation again (a double click, a retry after its log write failed): finish it.
    if (!isRepeat(ctx, doc.status === 'cancelled')) {
      if (doc.status === 'paid') refused('This link has been paid; there is nothing to cancel.');
      if (doc.status === 'processing') refused('A payment through this link is being processed. Wait for it to finish.');
      if (!OPEN_REQUEST_STATUSES.includes(doc.status)) refused('This link is no longer open.');
      let cancelled = false;
      await modifyAs(ctx, doc)((current) => {
        if (!OPEN_REQUEST_STATUSES.includes(current.status) || current.status === 'processing') return current;
        cancelled = true;
        return { ...current, status: 'cancelled', ...changeStamp(ctx) };
      });
      if (!cancelled) refused('This link changed while it was being cancelled. Check it and try again.');
    }
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: doc.invoiceId, action: 'link.cancelled', summary: 'Payment link cancelled', ...factStamp(ctx),
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
    if (!old) refused('This payment link no longer exists.');
    // The same operation again (a double click on Resend): the new link is there; only the old one's retiring may be left.
    const earlier = await db.paymentrequests.findOne(freshId).exec();
    if (!earlier && old.status === 'paid') refused('This link has been paid; there is nothing to send again.');
    if (!earlier && old.status === 'superseded') refused('This link has already been replaced by a newer one.');
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
  const staff = await requirePermission(db, ctx.actor, 'billing', 'keep money as client credit');
  const doc = await db.paymentrequests.findOne(requestId).exec();
  if (!doc) refused('This payment link no longer exists.');
  if (!paidOnClosedNotice(doc)) refused('Nothing was paid on this link after it closed.');
  const action = keptAsCreditAction(requestId);
  if (await db.activity.findOne({ selector: { entityId: doc.invoiceId, action } }).exec()) return;
  await insertOnce(db.activity, activityEntry({
    id: partId(ctx, 'log'), entity: 'invoice', entityId: doc.invoiceId, action,
    summary: `Money paid on a closed payment link kept as client credit, by ${staff.name}`, ...factStamp(ctx),
  }));
}
