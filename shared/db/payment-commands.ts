/**
 * Money at the desk: take a payment on an invoice, use a client's credit, refund it.
 * Each writes one immutable fact (docs/design.md invariant 2) after the billing permission
 * and the payment rules have passed; a refusal writes nothing. Taking payment on a
 * draft completes it first, but only once the payment itself has been checked.
 */
import type { ClinicSettingsDoc, InvoiceDoc, PaymentDoc } from '../schemas/index.js';
import { factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { completeDraft } from '../domain/invoice-completion.js';
import { payableAccount } from '../domain/ledger.js';
import {
  METHOD_LABELS, moneyFact, planCreditApplication, planPayment, planRefund, recordedPaymentPlan, type DeskMethod, type PaymentInput, type PaymentPlan,
} from '../domain/payment-rules.js';
import { refuse, RefusedError } from '../domain/result.js';
import { moneyValue, text, type MessageId } from '../i18n/text.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';
import { numberingFor } from './invoice-commands.js';
import { insertOnce, journaled, modifyAs, partId } from './operations.js';

function refused(id: MessageId, field?: string): never {
  throw new RefusedError(refuse(id, field));
}

export interface PaymentTaken {
  readonly payment: PaymentDoc;
  readonly plan: PaymentPlan;
  readonly invoice: InvoiceDoc;
}

/**
 * Takes a payment on an invoice (a draft is completed for it). Commit point: the payment
 * (docs/decisions/0025-operations.md) — written first, after every check; completing a draft
 * and the log entries follow from it, so running the same operation again (a retry, a double
 * click, recovery after a crash) finishes them and never takes the money twice.
 */
export async function takePayment(db: ClinicDatabase, invoiceId: string, input: PaymentInput, ctx: DeskActor): Promise<PaymentTaken> {
  const paymentId = partId(ctx, 'payment');
  return journaled(db, ctx, { command: 'takePayment', args: { invoiceId, input }, commit: { collection: 'payments', id: paymentId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.takePayments');
    const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!settings) refused('setup.refused.notSetUp');
    const earlier = await db.payments.findOne(paymentId).exec();
    if (earlier) return finishPayment(db, earlier.toMutableJSON(), null, settings, ctx);
    const stored = await db.invoices.findOne(invoiceId).exec();
    if (!stored) refused('invoice.refused.gone');
    const invoice = stored.toMutableJSON();
    const money = await loadClientMoney(db, invoice.clientId);
    // A draft is charged in full once completed: check the payment against that first.
    const account = payableAccount(invoice, money.account.accounts.get(invoiceId));
    const asCompleted = invoice.status === 'draft' ? { ...invoice, status: 'completed' as const } : invoice;
    const plan = planPayment(asCompleted, account, input);
    if (!plan.ok) throw new RefusedError(plan);
    if (invoice.status === 'draft') {
      // Checked before the money is written, so a draft that cannot be completed takes none.
      const completable = completeDraft(invoice, settings, await numberingFor(db, ctx.synced), ctx);
      if (!completable.ok) throw new RefusedError(completable);
    }
    const payment = moneyFact({
      id: paymentId, kind: 'payment', invoiceId, clientId: invoice.clientId, method: input.method, amountMinor: plan.value.amountMinor,
      currency: invoice.currency, at: ctx.now, recordedBy: ctx.actor, recordedOn: ctx.desk, tenderedMinor: plan.value.tenderedMinor,
    });
    await insertOnce(db.payments, payment);
    return finishPayment(db, payment, plan.value, settings, ctx);
  });
}

/** What follows from a payment written: its draft completed, and the log. Each part at most once. */
async function finishPayment(db: ClinicDatabase, payment: PaymentDoc, planned: PaymentPlan | null, settings: ClinicSettingsDoc, ctx: DeskActor): Promise<PaymentTaken> {
  const stored = await db.invoices.findOne(payment.invoiceId).exec();
  if (!stored) refused('invoice.refused.gone');
  let invoice = stored.toMutableJSON();
  if (invoice.status === 'draft') {
    const completed = completeDraft(invoice, settings, await numberingFor(db, ctx.synced), ctx);
    if (!completed.ok) throw new RefusedError(completed);
    // The entry before the change it records: a repeat that finds the invoice completed knows
    // this operation logged it; one that finds it still a draft completes it (the entry is there).
    const number = completed.value.number;
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: invoice.id, action: 'invoice.completed',
      summary: number > 0 ? text('log.completedToTakePayment', { number: String(number) }) : text('log.completedToTakePaymentPending'), ...factStamp(ctx),
    }));
    await modifyAs(ctx, stored)((current) => (current.status === 'draft' ? completed.value : current));
    invoice = (await db.invoices.findOne(payment.invoiceId).exec())!.toMutableJSON();
  }
  const money = await loadClientMoney(db, invoice.clientId);
  const plan = planned ?? recordedPaymentPlan(payment, payableAccount(invoice, money.account.accounts.get(invoice.id)));
  const fmt = (m: number) => moneyValue(m, invoice.currency);
  await insertOnce(db.activity, activityEntry({
    id: partId(ctx, 'log2'), entity: 'invoice', entityId: invoice.id, action: 'payment.taken',
    summary: text('log.paymentTaken', {
      method: text(METHOD_LABELS[payment.method]), amount: fmt(payment.amountMinor),
      hasChange: plan.changeMinor > 0 ? 'yes' : 'no', change: fmt(plan.changeMinor),
      hasCredit: plan.toCreditMinor > 0 ? 'yes' : 'no', credit: fmt(plan.toCreditMinor),
      balance: fmt(plan.balanceAfterMinor),
    }), ...factStamp(ctx),
  }));
  return { payment, plan, invoice };
}

/** Uses the client's credit (overpayments, credited payments) to pay an invoice. Commit point: the fact. */
export async function applyClientCredit(db: ClinicDatabase, invoiceId: string, amount: string | number, ctx: DeskActor): Promise<PaymentDoc> {
  const factId = partId(ctx, 'payment');
  return journaled(db, ctx, { command: 'applyClientCredit', args: { invoiceId, amount }, commit: { collection: 'payments', id: factId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.useClientCredit');
    const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!settings) refused('setup.refused.notSetUp');
    const earlier = (await db.payments.findOne(factId).exec())?.toMutableJSON();
    let fact = earlier;
    if (!fact) {
      const invoice = await db.invoices.findOne(invoiceId).exec();
      if (!invoice) refused('invoice.refused.gone');
      const money = await loadClientMoney(db, invoice.clientId);
      const plan = planCreditApplication(invoice, money.account.accounts.get(invoiceId)!, money.account.creditMinor, amount);
      if (!plan.ok) throw new RefusedError(plan);
      fact = moneyFact({
        id: factId, kind: 'credit_applied', invoiceId, clientId: invoice.clientId, method: 'client_credit', amountMinor: plan.value,
        currency: invoice.currency, at: ctx.now, recordedBy: ctx.actor, recordedOn: ctx.desk,
      });
      await insertOnce(db.payments, fact);
    }
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: fact.invoiceId, action: 'credit.applied',
      summary: text('log.creditApplied', { amount: moneyValue(fact.amountMinor, fact.currency) }), ...factStamp(ctx),
    }));
    return fact;
  });
}

/** Pays a client's credit back by a desk method. Commit point: the refund. */
export async function refundClientCredit(db: ClinicDatabase, clientId: string, amount: string | number, method: DeskMethod, ctx: DeskActor): Promise<PaymentDoc> {
  const factId = partId(ctx, 'payment');
  return journaled(db, ctx, { command: 'refundClientCredit', args: { clientId, amount, method }, commit: { collection: 'payments', id: factId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.refundMoney');
    const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!settings) refused('setup.refused.notSetUp');
    let fact = (await db.payments.findOne(factId).exec())?.toMutableJSON();
    if (!fact) {
      const money = await loadClientMoney(db, clientId);
      const plan = planRefund(money.account.creditMinor, amount, method, { currency: settings.currency });
      if (!plan.ok) throw new RefusedError(plan);
      fact = moneyFact({
        id: factId, kind: 'refund', invoiceId: '', clientId, method, amountMinor: plan.value, currency: settings.currency, at: ctx.now, recordedBy: ctx.actor, recordedOn: ctx.desk,
      });
      await insertOnce(db.payments, fact);
    }
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'client', entityId: clientId, action: 'refund.paid',
      summary: text('log.refundPaid', { method: text(METHOD_LABELS[fact.method]), amount: moneyValue(fact.amountMinor, fact.currency) }), ...factStamp(ctx),
    }));
    return fact;
  });
}
