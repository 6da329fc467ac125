/**
 * "Email the clinic when a link is paid" (docs/product.md Settings, Notifications), for every
 * link payment however it arrived: applied on this desk (sandbox page, Stripe events
 * polled by a standalone desk) or by the sync server from Stripe's webhook and replicated
 * here. Each pass looks at link payments of the last day through the payments' `at`
 * index and sends one notice per payment, in the clinic's language, claimed first like
 * every message (the same claim store, key `notice:<payment id>`), so several desks never
 * send it twice. Node-only; part of main's scheduler.
 */
import { clientName } from '../../../shared/domain/clients.js';
import { clinicPaymentNotice, messageTranslator } from '../../../shared/domain/payment-messages.js';
import { languageOfLocale } from '../../../shared/i18n/locale.js';
import { CLINIC_SETTINGS_ID } from '../../../shared/schemas/index.js';
import type { SenderDeps } from './send-request.js';

/** How far back a pass looks: a desk closed for longer does not send stale notices. */
export const NOTICE_WINDOW_MS = 24 * 3_600_000;

export const noticeClaimKey = (paymentId: string) => `notice:${paymentId}`.slice(0, 120);

/**
 * One notice sender per scheduler. `done` remembers the payments this process already
 * claimed or saw claimed, so a pass asks the claim store (a server round trip on an
 * enrolled desk) about each payment once, not once a minute for a day.
 */
export function createClinicNotices() {
  const done = new Set<string>();
  return async function sendClinicNotices(d: SenderDeps): Promise<number> {
    const settings = await d.db.settings.findOne(CLINIC_SETTINGS_ID).exec();
    if (!settings?.notifyClinicOnPayment || !settings.supportEmail) return 0;
    const since = new Date(d.now().getTime() - NOTICE_WINDOW_MS).toISOString();
    const recent = await d.db.payments.find({ selector: { at: { $gte: since } }, sort: [{ at: 'asc' }] }).exec();
    // Payments older than the window are never looked at again: forget them.
    const inWindow = new Set(recent.map((p) => p.id));
    for (const id of done) if (!inWindow.has(id)) done.delete(id);
    let sent = 0;
    for (const payment of recent) {
      if (payment.kind !== 'payment' || payment.method !== 'payment_link' || done.has(payment.id)) continue;
      const [invoice, client] = await Promise.all([d.db.invoices.findOne(payment.invoiceId).exec(), d.db.clients.findOne(payment.clientId).exec()]);
      // Not synced here yet: the next pass tries again.
      if (!invoice || !client) continue;
      done.add(payment.id);
      const key = noticeClaimKey(payment.id);
      if (!(await d.claims.claim(key))) continue;
      // The clinic's own note: in the clinic's language.
      const clinic = messageTranslator({ language: languageOfLocale(settings.locale), clinicLocale: settings.locale, timeZone: settings.timeZone });
      const notice = clinicPaymentNotice({
        clinicName: settings.displayName, clientName: clientName(client), invoiceNumber: invoice.number,
        amountMinor: payment.amountMinor, currency: payment.currency,
      }, clinic);
      const outcome = await d.transport.sendNotice({ key, to: settings.supportEmail, fromName: settings.displayName, ...notice })
        .catch((err: unknown) => ({ outcome: 'unknown' as const, detail: err instanceof Error ? err.message : String(err), segments: 1 }));
      await d.claims.finish(key, outcome.outcome);
      if (outcome.outcome === 'sent') sent++;
      else d.log(`clinic notice for payment ${payment.id}: ${outcome.detail}`);
      // A failure released the claim (nothing went out): a later pass tries again.
      if (outcome.outcome === 'failed') done.delete(payment.id);
    }
    return sent;
  };
}
