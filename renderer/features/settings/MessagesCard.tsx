/**
 * Payment links and messages: how links are sent (provider, lifetime), what messages
 * cost, the chasing schedule, and this month's message costs — counted from the message
 * records every desk writes, with VAT added once on the month's total.
 */
import { useMemo, useState } from 'react';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { PaymentSettingsDialog } from './PaymentSettingsDialog.js';
import { CardHeader } from './CardHeader.js';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { summarizeCosts } from '../../../shared/domain/message-costs.js';
import { localDateOf, startOfLocalDay } from '../../../shared/domain/time.js';
import { formatVatRate } from '../../../shared/domain/vat.js';
import { money } from '../../ui/format.js';
import { deskClock } from '../../app/desk-clock.js';

export function MessagesCard() {
  const { db } = useDesk();
  const settings = useSettings();
  const monthStart = useMemo(() => {
    const today = localDateOf(deskClock(), settings.timeZone);
    return startOfLocalDay(`${today.slice(0, 8)}01`, settings.timeZone).toISOString();
  }, [settings.timeZone]);
  const messages = useLiveQuery(() => db.messages.find({ selector: { at: { $gte: monthStart } }, sort: [{ at: 'asc' }] }), [db, monthStart]);
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const m = (minor: number) => money(minor, settings.currency, settings);
  const summary = messages ? summarizeCosts(messages, settings.messageVatBp) : null;
  const month = new Intl.DateTimeFormat(settings.locale, { month: 'long', year: 'numeric', timeZone: settings.timeZone }).format(deskClock());
  return (
    <section className="card" aria-labelledby="messages-heading">
      <CardHeader id="messages-heading" title="Payment links and messages" editLabel={isAdmin ? 'Edit payment link and reminder settings' : null} onEdit={() => setEditing(true)} />
      {notice && <p className="notice" role="status">{notice}</p>}
      {editing && <PaymentSettingsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setNotice('Payment link and reminder settings saved.'); }} />}
      <dl className="details">
        <dt>Payment provider</dt><dd>{settings.paymentProvider === 'stripe' ? 'Stripe' : 'Sandbox (a local pay page; no real money)'}</dd>
        <dt>A link lapses after</dt><dd>{settings.linkLifetimeHours} hours</dd>
        <dt>Message prices</dt><dd>Email {m(settings.emailCostMinor)}, SMS {m(settings.smsSegmentCostMinor)} per segment, plus {formatVatRate(settings.messageVatBp, settings.locale)} VAT</dd>
        <dt>Chasing</dt>
        <dd>Reminder {settings.reminderAfterDueDays} days after due, a second {settings.secondReminderAfterDays} days later, a final notice {settings.finalNoticeAfterDays} days after that giving {settings.finalNoticeGivesDays} days, then ready for debt collection{settings.reminderFeeMinor > 0 ? `; reminder fee ${m(settings.reminderFeeMinor)}` : '; no reminder fee'}</dd>
      </dl>
      <h3>Costs in {month}</h3>
      {!summary ? <p role="status">Counting…</p> : (
        <table className="table" data-testid="message-costs">
          <caption className="visually-hidden">Message costs this month</caption>
          <tbody>
            <tr><th scope="row">Emails</th><td className="num">{summary.emails}</td></tr>
            <tr><th scope="row">SMS</th><td className="num">{summary.sms}</td></tr>
            <tr><th scope="row">Cost excl. VAT</th><td className="num">{m(summary.netMinor)}</td></tr>
            <tr><th scope="row">VAT</th><td className="num">{m(summary.vatMinor)}</td></tr>
            <tr><th scope="row">Total</th><td className="num" data-testid="message-costs-total">{m(summary.totalMinor)}</td></tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
