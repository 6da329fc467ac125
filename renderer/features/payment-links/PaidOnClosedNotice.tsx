/**
 * Money that came in on a link that was cancelled, replaced or had expired: recorded as a
 * payment all the same, and shown beside the link with the two things staff do about it
 * (docs/decisions/0015-link-status-rule.md, issue 12 point 3): *Refund to card* (the client's
 * credit back to the card that paid, decision 0030) or *Keep as credit*. Once kept, or once the
 * client has no credit left, it says so and asks nothing. Used by the invoice's link list.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { useLiveQuery } from '../../data/live-query.js';
import { keepPaidAsCredit, keptAsCreditAction } from '../../../shared/db/payment-request-commands.js';
import { cardPayments } from '../../../shared/domain/card-refund.js';
import { paidOnClosedNoticeId } from '../../../shared/domain/link-request-status.js';
import { minorToInput } from '../../../shared/domain/money.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { moneyValue, text, type MessageId, type Text } from '../../../shared/i18n/text.js';
import { useState } from 'react';

/** Between the notice and what became of the money: two sentences. */
const SPACE = ' ';

type NoticeRequest = Pick<PaymentRequestDoc, 'id' | 'invoiceId' | 'clientId' | 'status' | 'problem'>;

export function PaidOnClosedNotice({ request }: { request: NoticeRequest }) {
  const notice = paidOnClosedNoticeId(request);
  return notice ? <PaidOnClosedActions request={request} notice={notice} /> : null;
}

function PaidOnClosedActions({ request, notice }: { request: NoticeRequest; notice: MessageId }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const { t, money } = useT();
  const actor = useDeskActor();
  const data = useClientMoney(db, request.clientId);
  const kept = useLiveQuery(() => db.activity.find({ selector: { entityId: request.invoiceId, action: keptAsCreditAction(request.id) } }), [db, request.invoiceId, request.id]);
  const refund = useCommand();
  const keep = useCommand();
  const [error, setError] = useState<Text | null>(null);
  const [done, setDone] = useState<Text | null>(null);
  const creditMinor = data?.account.creditMinor ?? 0;
  const byCard = data ? cardPayments(data.facts).length > 0 : false;
  const settled = (kept?.length ?? 0) > 0 || (data !== undefined && creditMinor <= 0);
  const m = (minor: number) => money(minor, settings.currency);

  const refundToCard = () => {
    setError(null);
    refund.run((operation) => main.invoke('payments.refundToCard', { staffId: actor.actor, operationId: operation, clientId: request.clientId, amount: minorToInput(creditMinor, settings.currency) })).then(
      (result) => { if (result) setDone(text('linkUi.closed.refunded', { amount: moneyValue(result.amountMinor, settings.currency) })); },
      (err: unknown) => setError(textOfError(err)),
    );
  };
  const keepAsCredit = () => {
    setError(null);
    keep.run((operation) => keepPaidAsCredit(db, request.id, { ...actor, operation })).catch((err: unknown) => setError(textOfError(err)));
  };

  return (
    <div className="warning link-status__notice" role="status" data-testid="paid-on-closed-link">
      <p>
        {t(notice)}{SPACE}
        {settled
          ? t((kept?.length ?? 0) > 0 ? 'linkUi.closed.kept' : 'linkUi.closed.noCreditLeft')
          : t('linkUi.closed.credit', { amount: m(creditMinor) })}
      </p>
      {done && <p>{t(done)}</p>}
      {error && <p className="form-error" role="alert">{t(error)}</p>}
      {!settled && actor.can('billing') && (
        <p className="link-status__notice-actions">
          {byCard && (
            <button type="button" className="button button--small" disabled={refund.busy || keep.busy} aria-busy={refund.busy} onClick={refundToCard}>
              {refund.busy ? t('linkUi.closed.refunding') : t('linkUi.closed.refund', { amount: m(creditMinor) })}
            </button>
          )}
          <button type="button" className="button button--small" disabled={refund.busy || keep.busy} aria-busy={keep.busy} onClick={keepAsCredit}>
            {t(keep.busy ? 'common.saving' : 'linkUi.closed.keep')}
          </button>
        </p>
      )}
    </div>
  );
}
