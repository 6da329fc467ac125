/**
 * Money that came in on a link that was cancelled, replaced or had expired: recorded as a
 * payment all the same, and shown beside the link with the two things staff do about it
 * (docs/decisions/0015-link-status-rule.md, issue 12 point 3): *Refund to card* (the client's
 * credit back to the card that paid, decision 0030) or *Keep as credit*. Once kept, or once the
 * client has no credit left, it says so and asks nothing. Used by the invoice's link list.
 */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { useClientMoney } from '../../data/use-client-money.js';
import { useLiveQuery } from '../../data/live-query.js';
import { keepPaidAsCredit, keptAsCreditAction } from '../../../shared/db/payment-request-commands.js';
import { cardPayments } from '../../../shared/domain/card-refund.js';
import { paidOnClosedNotice } from '../../../shared/domain/link-request-status.js';
import { minorToInput } from '../../../shared/domain/money.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { errorText } from '../../ui/errors.js';
import { money } from '../../ui/format.js';
import { useState } from 'react';

type NoticeRequest = Pick<PaymentRequestDoc, 'id' | 'invoiceId' | 'clientId' | 'status' | 'problem'>;

export function PaidOnClosedNotice({ request }: { request: NoticeRequest }) {
  const notice = paidOnClosedNotice(request);
  return notice ? <PaidOnClosedActions request={request} notice={notice} /> : null;
}

function PaidOnClosedActions({ request, notice }: { request: NoticeRequest; notice: string }) {
  const { db, main } = useDesk();
  const settings = useSettings();
  const actor = useDeskActor();
  const data = useClientMoney(db, request.clientId);
  const kept = useLiveQuery(() => db.activity.find({ selector: { entityId: request.invoiceId, action: keptAsCreditAction(request.id) } }), [db, request.invoiceId, request.id]);
  const refund = useCommand();
  const keep = useCommand();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const creditMinor = data?.account.creditMinor ?? 0;
  const byCard = data ? cardPayments(data.facts).length > 0 : false;
  const settled = (kept?.length ?? 0) > 0 || (data !== undefined && creditMinor <= 0);
  const m = (minor: number) => money(minor, settings.currency, settings);

  const refundToCard = () => {
    setError(null);
    refund.run((operation) => main.invoke('payments.refundToCard', { staffId: actor.actor, operationId: operation, clientId: request.clientId, amount: minorToInput(creditMinor, settings.currency) })).then(
      (result) => { if (result) setDone(`Refunded ${m(result.amountMinor)} to the card.`); },
      (err: unknown) => setError(errorText(err)),
    );
  };
  const keepAsCredit = () => {
    setError(null);
    keep.run((operation) => keepPaidAsCredit(db, request.id, { ...actor, operation })).catch((err: unknown) => setError(errorText(err)));
  };

  return (
    <div className="warning link-status__notice" role="status" data-testid="paid-on-closed-link">
      <p>
        {notice}{' '}
        {settled
          ? (kept?.length ?? 0) > 0 ? 'Kept as client credit.' : 'The client has no credit left from it.'
          : `The client now has ${m(creditMinor)} of credit.`}
      </p>
      {done && <p>{done}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {!settled && actor.can('billing') && (
        <p className="link-status__notice-actions">
          {byCard && (
            <button type="button" className="button button--small" disabled={refund.busy || keep.busy} aria-busy={refund.busy} onClick={refundToCard}>
              {refund.busy ? 'Refunding…' : `Refund ${m(creditMinor)} to card`}
            </button>
          )}
          <button type="button" className="button button--small" disabled={refund.busy || keep.busy} aria-busy={keep.busy} onClick={keepAsCredit}>
            {keep.busy ? 'Saving…' : 'Keep as credit'}
          </button>
        </p>
      )}
    </div>
  );
}
