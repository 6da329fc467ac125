/**
 * An invoice's payment links: "link sent" (when, how, how much), its state as the client
 * pays (processing, paid) or it lapses, and Go to payment link, Show QR code, Resend and
 * Cancel link. Live: a payment on another desk or through the provider shows at once.
 */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { wentByNoChannel } from '../../../shared/domain/invoice-state.js';
import { cancelPaymentRequest, channelsValue, OPEN_REQUEST_STATUSES, resendPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { DUNNING_STEP_LABELS } from '../../../shared/domain/dunning.js';
import { paidOnClosedNotice, requestProblem } from '../../../shared/domain/link-request-status.js';
import { textOfError } from '../../../shared/i18n/error-text.js';
import { instantValue, moneyValue, text, type MessageId, type Text, type TextValue } from '../../../shared/i18n/text.js';
import { useT } from '../../app/language.js';
import { linkAmountOf } from '../../../shared/domain/link-amount.js';
import { PaidOnClosedNotice } from './PaidOnClosedNotice.js';
import { QrCode } from './QrCode.js';
import { usePaymentRequests } from './use-payment-requests.js';
import { linkStateText } from './link-labels.js';

/**
 * `showQr`: given by a screen with its own "Show QR code" button (the POS), which then
 * shows the open link's code; left out, each open link has its own button.
 */
export function LinkStatus({ invoiceId, showQr }: { invoiceId: string; showQr?: boolean }) {
  const { db, main } = useDesk();
  const translator = useT();
  const { t } = translator;
  const actor = useDeskActor();
  const requests = usePaymentRequests(db, invoiceId);
  const [error, setError] = useState<Text | null>(null);
  const [qrFor, setQrFor] = useState<string | null>(null);
  if (!requests || requests.length === 0) return null;

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(textOfError(err)));
  };
  const open = (r: PaymentRequestDoc) => run(async () => {
    const result = await main.invoke('payments.openLink', { requestId: r.id });
    // The browser host cannot open the system browser: a new tab does.
    if (!result.opened) window.open(result.url, '_blank', 'noopener,noreferrer');
  });
  /** A fixed link's amount, or the balance it asks for ("The balance" starts a line). */
  const amountOf = (r: PaymentRequestDoc, balance: MessageId): TextValue => {
    const asked = linkAmountOf(r);
    return asked.kind === 'fixed' ? moneyValue(asked.minor, r.currency) : text(balance);
  };
  /** "750,00 kr by email, sent 3 Dec 2026, 07:20; expires …": one line per request. */
  const lineOf = (r: PaymentRequestDoc): Text => {
    const debt = r.purpose === 'debt_collection';
    const amount = amountOf(r, 'linkUi.theBalanceStart');
    const what = wentByNoChannel(r)
      ? text('linkUi.row.noChannel', { amount, debt: debt ? 'yes' : 'no' })
      : text('linkUi.row.byChannels', { amount, channels: channelsValue(r.channels) });
    const when = r.sentAt ? (debt ? 'marked' : 'sent') : r.status === 'scheduled' ? 'scheduled' : 'none';
    const at = r.sentAt ? instantValue(r.sentAt) : r.status === 'scheduled' ? instantValue(r.sendAt) : '';
    const expires = r.status === 'sent' && r.expiresAt ? 'yes' : 'no';
    return text('linkUi.row.line', { what, when, at, expires, expiresAt: expires === 'yes' ? instantValue(r.expiresAt!) : '' });
  };
  const qrShown = showQr === true ? requests.find((r) => r.status === 'sent' && r.linkUrl) : requests.find((r) => r.id === qrFor);

  return (
    <section className="link-status" aria-labelledby={`links-${invoiceId}`}>
      <h3 id={`links-${invoiceId}`}>{t('linkUi.title')}</h3>
      {error && <p className="form-error" role="alert">{t(error)}</p>}
      <ul className="rows">
        {requests.map((r) => {
          const isOpen = OPEN_REQUEST_STATUSES.includes(r.status) && r.status !== 'processing';
          // The paid-on-closed notice has its own block below; any other problem reads here.
          const problem = paidOnClosedNotice(r) ? null : requestProblem(r);
          return (
            <li key={r.id} className="link-status__row" data-testid="payment-link">
              {r.purpose !== 'payment_link' && <strong>{t(DUNNING_STEP_LABELS[r.purpose])}</strong>}
              <span className={`badge badge--link-${r.status}`}>{linkStateText(r, translator)}</span>
              <span>{t(lineOf(r))}</span>
              {problem !== null && <span className="link-status__problem">{typeof problem === 'string' ? problem : t(problem)}</span>}
              <PaidOnClosedNotice request={r} />
              <span className="link-status__actions">
                {r.linkUrl && r.status === 'sent' && <button type="button" className="button button--small" onClick={() => open(r)}>{t('linkUi.goToLink')}</button>}
                {r.linkUrl && r.status === 'sent' && showQr === undefined && <button type="button" className="button button--small" onClick={() => setQrFor(qrFor === r.id ? null : r.id)}>{t(qrFor === r.id ? 'linkUi.hideQr' : 'linkUi.showQr')}</button>}
                {actor.can('billing') && !wentByNoChannel(r) && ['sent', 'expired', 'failed', 'unknown'].includes(r.status) && (
                  <CommandButton label={t('linkUi.resend')} busyLabel={t('common.sending')} onError={setError} command={async (operation) => {
                    await resendPaymentRequest(db, r.id, { ...actor, operation });
                    await main.invoke('payments.sendDue');
                  }} />
                )}
                {actor.can('billing') && isOpen && !wentByNoChannel(r) && (
                  <CommandButton label={t('linkUi.cancel')} busyLabel={t('linkUi.cancelling')} onError={setError} command={async (operation) => {
                    await cancelPaymentRequest(db, r.id, { ...actor, operation });
                    await main.invoke('payments.sendDue');
                  }} />
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {qrShown?.linkUrl && (
        <div className="link-status__qr">
          <QrCode text={qrShown.linkUrl} label={t('linkUi.qrLabel')} />
          <p>{t('linkUi.qrScan', { amount: amountOf(qrShown, 'linkUi.theBalance') })}</p>
        </div>
      )}
    </section>
  );
}

/** A row's button that acts once while busy, with its own operation (renderer/app/use-command.ts). */
function CommandButton({ label, busyLabel, command, onError }: { label: string; busyLabel: string; command: (operation: string) => Promise<void>; onError: (message: Text | null) => void }) {
  const { busy, run } = useCommand();
  return (
    <button type="button" className="button button--small" disabled={busy} aria-busy={busy} onClick={() => {
      onError(null);
      run(command).catch((err: unknown) => onError(textOfError(err)));
    }}>{busy ? busyLabel : label}</button>
  );
}
