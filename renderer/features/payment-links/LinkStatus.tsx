/**
 * An invoice's payment links: "link sent" (when, how, how much), its state as the client
 * pays (processing, paid) or it lapses, and Go to payment link, Show QR code, Resend and
 * Cancel link. Live: a payment on another desk or through the provider shows at once.
 */
import { useState } from 'react';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useCommand } from '../../app/use-command.js';
import { wentByNoChannel } from '../../../shared/domain/invoice-state.js';
import { cancelPaymentRequest, channelsText, OPEN_REQUEST_STATUSES, resendPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { errorText } from '../../ui/errors.js';
import { DUNNING_LABELS } from '../../../shared/domain/dunning.js';
import { formatDateTime, money } from '../../ui/format.js';
import { paidOnClosedNotice } from '../../../shared/domain/link-request-status.js';
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
  const settings = useSettings();
  const actor = useDeskActor();
  const requests = usePaymentRequests(db, invoiceId);
  const [error, setError] = useState<string | null>(null);
  const [qrFor, setQrFor] = useState<string | null>(null);
  if (!requests || requests.length === 0) return null;

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(errorText(err)));
  };
  const open = (r: PaymentRequestDoc) => run(async () => {
    const result = await main.invoke('payments.openLink', { requestId: r.id });
    // The browser host cannot open the system browser: a new tab does.
    if (!result.opened) window.open(result.url, '_blank', 'noopener,noreferrer');
  });
  const amountText = (r: PaymentRequestDoc, balance: string) => {
    const asked = linkAmountOf(r);
    return asked.kind === 'fixed' ? money(asked.minor, r.currency, settings) : balance;
  };
  const qrShown = showQr === true ? requests.find((r) => r.status === 'sent' && r.linkUrl) : requests.find((r) => r.id === qrFor);

  return (
    <section className="link-status" aria-labelledby={`links-${invoiceId}`}>
      <h3 id={`links-${invoiceId}`}>Payment links</h3>
      {error && <p className="form-error" role="alert">{error}</p>}
      <ul className="rows">
        {requests.map((r) => {
          const isOpen = OPEN_REQUEST_STATUSES.includes(r.status) && r.status !== 'processing';
          return (
            <li key={r.id} className="link-status__row" data-testid="payment-link">
              {r.purpose !== 'payment_link' && <strong>{DUNNING_LABELS[r.purpose]}</strong>}
              <span className={`badge badge--link-${r.status}`}>{linkStateText(r)}</span>
              <span>
                {wentByNoChannel(r)
                  ? `${amountText(r, 'The balance')} owed; no message${r.purpose === 'debt_collection' ? '' : ' (no email or mobile number)'}`
                  : `${amountText(r, 'The balance')} by ${channelsText(r.channels)}`}
                {r.sentAt ? `, ${r.purpose === 'debt_collection' ? 'marked' : 'sent'} ${formatDateTime(r.sentAt, settings)}` : r.status === 'scheduled' ? `, to send ${formatDateTime(r.sendAt, settings)}` : ''}
                {r.status === 'sent' && r.expiresAt ? `; expires ${formatDateTime(r.expiresAt, settings)}` : ''}
              </span>
              {r.problem && !paidOnClosedNotice(r) && <span className="link-status__problem">{r.problem}</span>}
              <PaidOnClosedNotice request={r} />
              <span className="link-status__actions">
                {r.linkUrl && r.status === 'sent' && <button type="button" className="button button--small" onClick={() => open(r)}>Go to payment link</button>}
                {r.linkUrl && r.status === 'sent' && showQr === undefined && <button type="button" className="button button--small" onClick={() => setQrFor(qrFor === r.id ? null : r.id)}>{qrFor === r.id ? 'Hide QR code' : 'Show QR code'}</button>}
                {actor.can('billing') && !wentByNoChannel(r) && ['sent', 'expired', 'failed', 'unknown'].includes(r.status) && (
                  <CommandButton label="Resend" busyLabel="Sending…" onError={setError} command={async (operation) => {
                    await resendPaymentRequest(db, r.id, { ...actor, operation });
                    await main.invoke('payments.sendDue');
                  }} />
                )}
                {actor.can('billing') && isOpen && !wentByNoChannel(r) && (
                  <CommandButton label="Cancel link" busyLabel="Cancelling…" onError={setError} command={async (operation) => {
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
          <QrCode text={qrShown.linkUrl} label="QR code: scan with your phone to pay" />
          <p>Scan with your phone to pay {amountText(qrShown, 'the balance')}.</p>
        </div>
      )}
    </section>
  );
}

/** A row's button that acts once while busy, with its own operation (renderer/app/use-command.ts). */
function CommandButton({ label, busyLabel, command, onError }: { label: string; busyLabel: string; command: (operation: string) => Promise<void>; onError: (message: string | null) => void }) {
  const { busy, run } = useCommand();
  return (
    <button type="button" className="button button--small" disabled={busy} aria-busy={busy} onClick={() => {
      onError(null);
      run(command).catch((err: unknown) => onError(errorText(err)));
    }}>{busy ? busyLabel : label}</button>
  );
}
