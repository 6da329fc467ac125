/**
 * Refund to card (issue 12 point 5; docs/decisions/0030-refund-to-card.md): main pays a
 * client's credit back to the card that paid one of their links. Main checks who asks (signed
 * in, billing), plans it with the shared rules (shared/domain/card-refund.ts), asks the
 * provider what is left of each payment, claims the refund once across desks like a send,
 * and refunds with an idempotency key from the command's operation id — so a double click, a
 * retry after an error or a second desk changes the money once. The refund is recorded when
 * the provider confirms it — its answer is the confirmation — on every desk (an enrolled desk's
 * fact and the one the server writes from Stripe's webhook are the same document, by the
 * refund's id). Node-only; used by main's payment service.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RefundToCardInput, RefundToCardResult } from '../../../shared/contract/index.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { activityEntry } from '../../../shared/db/activity-log.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { insertOnce, isOperationId, partId } from '../../../shared/db/operations.js';
import { cardPayments, cardRefundClaimKey, cardToRefund, planCardRefund } from '../../../shared/domain/card-refund.js';
import { localDateOf } from '../../../shared/domain/time.js';
import type { Permission } from '../../../shared/domain/permissions.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { moneyValue, text, type MessageId, type TextValue } from '../../../shared/i18n/text.js';
import { REFUND_OF_CREDIT, REFUND_OF_KEY, refundSeenOf } from '../../../shared/domain/stripe-events.js';
import { CLINIC_SETTINGS_ID, type StaffDoc } from '../../../shared/schemas/index.js';
import type { ClaimStore } from '../scheduler/claims.js';
import { writePrivateFile } from '../private-files.js';
import { applyRefund } from './apply-refund.js';
import { StripeProviderError } from './stripe-provider.js';
import type { PaymentProvider } from './types.js';

export interface RefundToCardDeps {
  readonly db: ClinicDatabase;
  readonly provider: PaymentProvider;
  readonly claims: ClaimStore;
  readonly clinicId: string;
  readonly deskId: string;
  readonly now: () => Date;
}

/** What this desk chose for an operation, kept before it asks the provider: a retry asks the same. */
interface Chosen {
  readonly key: string;
  readonly paymentRef: string;
  readonly invoiceId: string;
  readonly amountMinor: number;
  /** Its answer, once there was one: a repeat of a finished refund gets it without asking again. */
  readonly done?: RefundToCardResult;
}

const refused = (id: MessageId, values?: Readonly<Record<string, TextValue>>): never => { throw new RefusedError({ text: text(id, values), field: 'amount' }); };

export function createRefundToCard(options: {
  readonly dataDir: string;
  readonly requireSignedIn: (claimed: string, permission: Permission, action: MessageId) => Promise<StaffDoc>;
  /** Null when this desk cannot take money now (no database, or the clinic uses Stripe and this desk has no key). */
  readonly deps: () => RefundToCardDeps | null;
}): (input: RefundToCardInput) => Promise<RefundToCardResult> {
  const dir = path.join(options.dataDir, 'card-refunds');
  const chosenFile = (operation: string) => path.join(dir, `${operation}.json`);
  const readChosen = (operation: string): Chosen | null => {
    try {
      return JSON.parse(fs.readFileSync(chosenFile(operation), 'utf8')) as Chosen;
    } catch {
      return null;
    }
  };
  /** One run per operation at a time: a double click waits for the first and gets its answer. */
  const running = new Map<string, Promise<RefundToCardResult>>();

  async function run(input: RefundToCardInput): Promise<RefundToCardResult> {
    if (!isOperationId(input.operationId)) refused('main.refund.noOperation');
    const staff = await options.requireSignedIn(input.staffId, 'billing', 'main.action.refundToCard');
    const d = options.deps();
    if (!d) return refused('main.refund.cannotHere');
    const settings = await d.db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!settings) return refused('main.refund.notSetUp');
    const ctx = { currency: settings.currency, locale: settings.locale };
    const sum = (minor: number) => moneyValue(minor, settings.currency);

    let chosen = readChosen(input.operationId);
    if (chosen?.done) return chosen.done;
    if (!chosen) {
      const money = await loadClientMoney(d.db, input.clientId);
      const payments = cardPayments(money.facts);
      const plan = planCardRefund(money.account.creditMinor, payments, input.amount, ctx);
      if (!plan.ok) throw new RefusedError(plan);
      const left = new Map<string, number>();
      for (const p of payments) left.set(p.externalRef, await d.provider.refundable(p.externalRef, p.amountMinor));
      const card = cardToRefund(payments, left, plan.value);
      if ('mostMinor' in card) {
        return card.mostMinor > 0
          ? refused('main.refund.noSinglePayment', { amount: sum(plan.value), most: sum(card.mostMinor) })
          : refused('main.refund.allRefunded');
      }
      const key = cardRefundClaimKey(input.clientId, money.facts, localDateOf(d.now(), settings.timeZone));
      // Claimed once across desks, like a send: another desk refunding the same credit now is refused.
      if (!(await d.claims.claim(key))) return refused('main.refund.onItsWay');
      chosen = { key, paymentRef: card.externalRef, invoiceId: card.invoiceId, amountMinor: plan.value };
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      writePrivateFile(chosenFile(input.operationId), JSON.stringify(chosen));
    }

    const nowIso = d.now().toISOString();
    const op = { operation: input.operationId };
    // The invoice log says who asked, whatever the provider answers next.
    await insertOnce(d.db.activity, activityEntry({
      id: partId(op, 'log'), entity: 'invoice', entityId: chosen.invoiceId, action: 'refund.toCard',
      summary: text('main.log.refundAsked', { amount: sum(chosen.amountMinor), name: staff.name }), at: nowIso, by: staff.id, deskId: d.deskId,
    }));
    let answer: unknown;
    try {
      answer = await d.provider.refund({
        paymentRef: chosen.paymentRef, amountMinor: chosen.amountMinor, idempotencyKey: `refund-${input.operationId}`,
        // Our ids only (docs/design.md invariant 7); refund_of tells every recorder it refunds credit.
        metadata: { clinic_id: d.clinicId, invoice_id: chosen.invoiceId, [REFUND_OF_KEY]: REFUND_OF_CREDIT },
      });
    } catch (err) {
      // Refused for good (not a lost connection): nothing was refunded, so the claim and the choice go.
      // Otherwise both stay: a retry of this operation asks again with the same key, and Stripe answers once.
      if (!(err instanceof StripeProviderError && err.retryable)) {
        await d.claims.finish(chosen.key, 'failed');
        fs.rmSync(chosenFile(input.operationId), { force: true });
      }
      throw err;
    }
    await d.claims.finish(chosen.key, 'sent');
    const seen = refundSeenOf(answer, Math.floor(d.now().getTime() / 1000));
    if (!seen) return refused('main.refund.unreadable');
    // Recorded from Stripe's answer on every desk, so the credit drops at once here and, by sync,
    // everywhere: the server's webhook later finds the same refund id already there (one fact,
    // whoever writes it first; decision 0029).
    await applyRefund(d.db, seen, nowIso, d.deskId);
    const done: RefundToCardResult = { outcome: 'recorded', amountMinor: chosen.amountMinor };
    writePrivateFile(chosenFile(input.operationId), JSON.stringify({ ...chosen, done }));
    return done;
  }

  return (input) => {
    const earlier = running.get(input.operationId);
    if (earlier) return earlier;
    const next = run(input).finally(() => running.delete(input.operationId));
    running.set(input.operationId, next);
    return next;
  };
}
