/**
 * The activity log of one invoice or client: every change, payment and message, who and when.
 * Each entry reads in the reader's language from its stored Text; entries from before languages
 * (or a Text this desk cannot read) show their English summary.
 */
import { useDesk } from '../../app/desk-context.js';
import { useT } from '../../app/language.js';
import { useLiveQuery } from '../../data/live-query.js';
import { summaryOf } from '../../../shared/db/activity-log.js';

export function InvoiceLog({ invoiceId }: { invoiceId: string }) {
  const { t } = useT();
  return <ActivityLog entityId={invoiceId} label={t('invoiceUi.logLabel')} empty={t('invoiceUi.logEmpty')} />;
}

export function ActivityLog({ entityId, label, empty }: { entityId: string; label: string; empty: string }) {
  const { db } = useDesk();
  const { t, dateTime } = useT();
  const entries = useLiveQuery(() => db.activity.find({ selector: { entityId }, sort: [{ entityId: 'asc' }, { at: 'asc' }] }), [db, entityId]);
  const staff = useLiveQuery(() => db.staff.find(), [db]);
  if (!entries || !staff) return <p role="status">{t('invoiceUi.logLoading')}</p>;
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  const names = new Map(staff.map((s) => [s.id, s.name]));
  // The one reading of a log entry (shared/db/activity-log.ts): its Text if readable, else its English.
  const shownSummary = (e: (typeof entries)[number]) => {
    const summary = summaryOf(e);
    return typeof summary === 'string' ? summary : t(summary);
  };
  return (
    <ol className="log" aria-label={label}>
      {entries.map((e) => (
        <li key={e.id} className="log__entry">
          <time dateTime={e.at}>{dateTime(e.at)}</time>
          <span className="log__summary">{shownSummary(e)}</span>
          <span className="log__who">{names.get(e.by) ?? (e.by === 'system' || e.by === 'desk' ? t('invoiceUi.logByDesk') : t('invoiceUi.logByUnknown'))}</span>
        </li>
      ))}
    </ol>
  );
}
