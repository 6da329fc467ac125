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
import { newId } from '../domain/ids.js';
import { payableAccount } from '../domain/ledger.js';
import { invoiceTotals } from '../domain/invoice-math.js';
import { amountToAsk, fixedAmount, linkAmountOf, storedAmountMinor } from '../domain/link-amount.js';
import { planPaymentRequest, type PaymentRequestInput } from '../domain/payment-request-rules.js';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';

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
 * `input` may be worked out from the invoice's balance as read here (a resend asks for
 * what is left), so the client's money is read once.
 */
export async function createPaymentRequest(
  db: ClinicDatabase, invoiceId: string, input: PaymentRequestInput | ((balanceMinor: number) => PaymentRequestInput), ctx: DeskActor,
): Promise<PaymentRequestDoc> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'billing', 'send payment links');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('The clinic is not set up yet.');
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
    id: newId(), invoiceId, clientId: invoice.clientId, amountMinor: storedAmountMinor(fixedAmount(plan.value.amountMinor)), currency: invoice.currency,
    channels: plan.value.channels, purpose: 'payment_link', status: 'scheduled', sendAt: plan.value.sendAt, sentAt: '', linkUrl: '',
    providerRef: '', expiresAt: '', feeMinor: 0, problem: '', ...createStamp(ctx),
  };
  await db.paymentrequests.insert(request);
  const amount = formatMoney(plan.value.amountMinor, request.currency, settings.locale);
  const part = plan.value.amountMinor < invoiceTotals(invoice.lines).totalMinor ? ' (part amount)' : '';
  const when = plan.value.sendAt === now ? 'to send now' : `to send at ${plan.value.sendAt}`;
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: invoiceId, action: 'link.requested',
    summary: `Payment link for ${amount}${part} by ${channelsText(request.channels)}, ${when}`, ...factStamp(ctx),
  }));
  return request;
}

/** Cancels a link that has not been paid: a scheduled one never goes; a sent one is expired at the provider by main. */
export async function cancelPaymentRequest(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  await requirePermission(db, ctx.actor, 'billing', 'cancel payment links');
  const doc = await db.paymentrequests.findOne(requestId).exec();
  if (!doc) refused('This payment link no longer exists.');
  if (doc.status === 'paid') refused('This link has been paid; there is nothing to cancel.');
  if (doc.status === 'processing') refused('A payment through this link is being processed. Wait for it to finish.');
  if (!OPEN_REQUEST_STATUSES.includes(doc.status)) refused('This link is no longer open.');
  let cancelled = false;
  await doc.incrementalModify((current) => {
    if (!OPEN_REQUEST_STATUSES.includes(current.status) || current.status === 'processing') return current;
    cancelled = true;
    return { ...current, status: 'cancelled', ...changeStamp(ctx) };
  });
  if (!cancelled) refused('This link changed while it was being cancelled. Check it and try again.');
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: doc.invoiceId, action: 'link.cancelled', summary: 'Payment link cancelled', ...factStamp(ctx),
  }));
  return (await db.paymentrequests.findOne(requestId).exec())!.toMutableJSON();
}

/**
 * Sends a new link in place of an old one (e.g. it expired or the client lost it): the old
 * one is superseded and the new one asks for what is left, by the same channels, now.
 */
export async function resendPaymentRequest(db: ClinicDatabase, requestId: string, ctx: DeskActor): Promise<PaymentRequestDoc> {
  const now = ctx.now;
  const old = await db.paymentrequests.findOne(requestId).exec();
  if (!old) refused('This payment link no longer exists.');
  if (old.status === 'paid') refused('This link has been paid; there is nothing to send again.');
  // The old amount, or what is left when less (an automatic link asked for the balance).
  const fresh = await createPaymentRequest(db, old.invoiceId, (balance) => ({ amount: amountToAsk(linkAmountOf(old), { balanceMinor: balance }), channels: old.channels }), { ...ctx, now });
  await old.incrementalModify((current) => (OPEN_REQUEST_STATUSES.includes(current.status) || current.status === 'expired' || current.status === 'failed'
    ? { ...current, status: 'superseded', ...changeStamp(ctx) }
    : current));
  return fresh;
}
