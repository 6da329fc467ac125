/**
 * Money at the desk: take a payment on an invoice, use a client's credit, refund it.
 * Each writes one immutable fact (docs/design.md invariant 2) after the billing permission
 * and the payment rules have passed; a refusal writes nothing. Taking payment on a
 * draft completes it first, but only once the payment itself has been checked.
 */
import type { InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { completeDraft } from '../domain/invoice-completion.js';
import { payableAccount } from '../domain/ledger.js';
import { formatMoney } from '../domain/money.js';
import { newId } from '../domain/ids.js';
import {
  METHOD_LABELS, moneyFact, planCreditApplication, planPayment, planRefund, type DeskMethod, type PaymentInput, type PaymentPlan,
} from '../domain/payment-rules.js';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';
import { numberingFor } from './invoice-commands.js';

function refused(message: string, field?: string): never {
  throw new RefusedError(field ? { ok: false, message, field } : { ok: false, message });
}

export interface PaymentTaken {
  readonly payment: PaymentDoc;
  readonly plan: PaymentPlan;
  readonly invoice: InvoiceDoc;
}

export async function takePayment(db: ClinicDatabase, invoiceId: string, input: PaymentInput, ctx: DeskActor): Promise<PaymentTaken> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'billing', 'take payments');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('The clinic is not set up yet.');
  const stored = await db.invoices.findOne(invoiceId).exec();
  if (!stored) refused('This invoice no longer exists.');
  let invoice = stored.toMutableJSON();
  const money = await loadClientMoney(db, invoice.clientId);

  // A draft is charged in full once completed: check the payment against that first.
  const account = payableAccount(invoice, money.account.accounts.get(invoiceId));
  const asCompleted = invoice.status === 'draft' ? { ...invoice, status: 'completed' as const } : invoice;
  const plan = planPayment(asCompleted, account, input, settings.locale);
  if (!plan.ok) throw new RefusedError(plan);

  if (invoice.status === 'draft') {
    const completed = completeDraft(invoice, settings, await numberingFor(db, ctx.synced), ctx);
    if (!completed.ok) throw new RefusedError(completed);
    await stored.incrementalModify((current) => (current.status === 'draft' ? completed.value : current));
    invoice = (await db.invoices.findOne(invoiceId).exec())!.toMutableJSON();
    if (invoice.status !== 'completed') refused('This invoice changed on another desk while the payment was being taken. Check it and try again.');
    await db.activity.insert(activityEntry({
      entity: 'invoice', entityId: invoiceId, action: 'invoice.completed',
      summary: invoice.number > 0 ? `Completed as invoice ${invoice.number} to take payment` : 'Completed to take payment; number pending from the sync server', ...factStamp(ctx),
    }));
  }

  const payment = moneyFact({
    id: newId(), kind: 'payment', invoiceId, clientId: invoice.clientId, method: input.method, amountMinor: plan.value.amountMinor,
    currency: invoice.currency, at: now, recordedBy: ctx.actor, recordedOn: ctx.desk, tenderedMinor: plan.value.tenderedMinor,
  });
  await db.payments.insert(payment);
  const fmt = (m: number) => formatMoney(m, invoice.currency, settings.locale);
  const extra = plan.value.toCreditMinor > 0 ? `; ${fmt(plan.value.toCreditMinor)} kept as client credit` : '';
  const change = plan.value.changeMinor > 0 ? `; change given ${fmt(plan.value.changeMinor)}` : '';
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: invoiceId, action: 'payment.taken',
    summary: `${METHOD_LABELS[input.method]} payment of ${fmt(plan.value.amountMinor)}${change}${extra}; balance now ${fmt(plan.value.balanceAfterMinor)}`, ...factStamp(ctx),
  }));
  return { payment, plan: plan.value, invoice };
}

/** Uses the client's credit (overpayments, credited payments) to pay an invoice. */
export async function applyClientCredit(db: ClinicDatabase, invoiceId: string, amount: string | number, ctx: DeskActor): Promise<PaymentDoc> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'billing', 'use client credit');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('The clinic is not set up yet.');
  const invoice = await db.invoices.findOne(invoiceId).exec();
  if (!invoice) refused('This invoice no longer exists.');
  const money = await loadClientMoney(db, invoice.clientId);
  const plan = planCreditApplication(invoice, money.account.accounts.get(invoiceId)!, money.account.creditMinor, amount, settings.locale);
  if (!plan.ok) throw new RefusedError(plan);
  const fact = moneyFact({
    id: newId(), kind: 'credit_applied', invoiceId, clientId: invoice.clientId, method: 'client_credit', amountMinor: plan.value,
    currency: invoice.currency, at: now, recordedBy: ctx.actor, recordedOn: ctx.desk,
  });
  await db.payments.insert(fact);
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: invoiceId, action: 'credit.applied',
    summary: `Client credit of ${formatMoney(plan.value, invoice.currency, settings.locale)} used on this invoice`, ...factStamp(ctx),
  }));
  return fact;
}

/** Pays a client's credit back by a desk method. */
export async function refundClientCredit(db: ClinicDatabase, clientId: string, amount: string | number, method: DeskMethod, ctx: DeskActor): Promise<PaymentDoc> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'billing', 'refund money');
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('The clinic is not set up yet.');
  const money = await loadClientMoney(db, clientId);
  const plan = planRefund(money.account.creditMinor, amount, method, { currency: settings.currency, locale: settings.locale });
  if (!plan.ok) throw new RefusedError(plan);
  const fact = moneyFact({
    id: newId(), kind: 'refund', invoiceId: '', clientId, method, amountMinor: plan.value, currency: settings.currency, at: now, recordedBy: ctx.actor, recordedOn: ctx.desk,
  });
  await db.payments.insert(fact);
  await db.activity.insert(activityEntry({
    entity: 'client', entityId: clientId, action: 'refund.paid',
    summary: `${METHOD_LABELS[method]} refund of ${formatMoney(plan.value, settings.currency, settings.locale)} from client credit`, ...factStamp(ctx),
  }));
  return fact;
}
