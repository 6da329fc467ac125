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
import { moneyValue, rateValue } from '../../../shared/i18n/text.js';
import { deskClock } from '../../app/desk-clock.js';
import { useT } from '../../app/language.js';

export function MessagesCard() {
  const { db } = useDesk();
  const settings = useSettings();
  const { t, money, dayParts } = useT();
  const firstOfMonth = useMemo(() => `${localDateOf(deskClock(), settings.timeZone).slice(0, 8)}01`, [settings.timeZone]);
  const monthStart = useMemo(() => startOfLocalDay(firstOfMonth, settings.timeZone).toISOString(), [firstOfMonth, settings.timeZone]);
  const messages = useLiveQuery(() => db.messages.find({ selector: { at: { $gte: monthStart } }, sort: [{ at: 'asc' }] }), [db, monthStart]);
  const isAdmin = useDeskActor().can('admin');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const m = (minor: number) => money(minor, settings.currency);
  const summary = messages ? summarizeCosts(messages, settings.messageVatBp) : null;
  const month = dayParts(firstOfMonth, { month: 'long', year: 'numeric' });
  const fee = settings.reminderFeeMinor;
  return (
    <section className="card" aria-labelledby="messages-heading">
      <CardHeader id="messages-heading" title={t('messagesCard.title')} editLabel={isAdmin ? t('messagesCard.edit') : null} onEdit={() => setEditing(true)} />
      {saved && <p className="notice" role="status">{t('messagesCard.saved')}</p>}
      {editing && <PaymentSettingsDialog onClose={() => setEditing(false)} onSaved={() => { setEditing(false); setSaved(true); }} />}
      <dl className="details">
        <dt>{t('messagesCard.provider')}</dt><dd>{t('messagesCard.providerValue', { provider: settings.paymentProvider })}</dd>
        <dt>{t('messagesCard.lapsesAfter')}</dt><dd>{t('messagesCard.hours', { hours: settings.linkLifetimeHours })}</dd>
        <dt>{t('messagesCard.prices')}</dt>
        <dd>{t('messagesCard.pricesValue', { email: moneyValue(settings.emailCostMinor, settings.currency), sms: moneyValue(settings.smsSegmentCostMinor, settings.currency), vat: rateValue(settings.messageVatBp) })}</dd>
        <dt>{t('messagesCard.chasing')}</dt>
        <dd>{t('messagesCard.chasingValue', {
          first: settings.reminderAfterDueDays, second: settings.secondReminderAfterDays, final: settings.finalNoticeAfterDays, gives: settings.finalNoticeGivesDays,
          hasFee: fee > 0 ? 'yes' : 'no', fee: moneyValue(fee, settings.currency),
        })}</dd>
      </dl>
      <h3>{t('messagesCard.costsIn', { month })}</h3>
      {!summary ? <p role="status">{t('messagesCard.counting')}</p> : (
        <table className="table" data-testid="message-costs">
          <caption className="visually-hidden">{t('messagesCard.costsCaption')}</caption>
          <tbody>
            <tr><th scope="row">{t('messagesCard.emails')}</th><td className="num">{summary.emails}</td></tr>
            <tr><th scope="row">{t('messagesCard.sms')}</th><td className="num">{summary.sms}</td></tr>
            <tr><th scope="row">{t('messagesCard.net')}</th><td className="num">{m(summary.netMinor)}</td></tr>
            <tr><th scope="row">{t('messagesCard.vat')}</th><td className="num">{m(summary.vatMinor)}</td></tr>
            <tr><th scope="row">{t('messagesCard.total')}</th><td className="num" data-testid="message-costs-total">{m(summary.totalMinor)}</td></tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
