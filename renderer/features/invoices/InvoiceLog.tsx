/** The activity log of one invoice or client: every change, payment and message, who and when. */
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { formatDateTime } from '../../ui/format.js';

export function InvoiceLog({ invoiceId }: { invoiceId: string }) {
  return <ActivityLog entityId={invoiceId} label="Invoice log" empty="Nothing has happened to this invoice yet." />;
}

export function ActivityLog({ entityId, label, empty }: { entityId: string; label: string; empty: string }) {
  const { db } = useDesk();
  const settings = useSettings();
  const entries = useLiveQuery(() => db.activity.find({ selector: { entityId }, sort: [{ entityId: 'asc' }, { at: 'asc' }] }), [db, entityId]);
  const staff = useLiveQuery(() => db.staff.find(), [db]);
  if (!entries || !staff) return <p role="status">Loading the log…</p>;
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return (
    <ol className="log" aria-label={label}>
      {entries.map((e) => (
        <li key={e.id} className="log__entry">
          <time dateTime={e.at}>{formatDateTime(e.at, settings)}</time>
          <span className="log__summary">{e.summary}</span>
          <span className="log__who">{names.get(e.by) ?? (e.by === 'system' || e.by === 'desk' ? 'The desk' : 'Unknown staff member')}</span>
        </li>
      ))}
    </ol>
  );
}
