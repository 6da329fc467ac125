/** Settings → Staff: everyone sees who works here and in which roles; admins add and edit. */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { ROLE_LABELS } from '../../../shared/domain/staff.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { CardHeader } from './CardHeader.js';
import { StaffDialog } from './StaffDialog.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';
import { text, type Text } from '../../../shared/i18n/text.js';

export function StaffCard() {
  const { db } = useDesk();
  const isAdmin = useDeskActor().can('admin');
  const { t } = useT();
  const staff = useLiveQuery(() => db.staff.find({ sort: [{ sortKey: 'asc' }] }), [db]);
  // undefined: closed; null: adding someone new.
  const [editing, setEditing] = useState<StaffDoc | null | undefined>(undefined);
  const [notice, setNotice] = useState<Text | null>(null);

  return (
    <section className="card card--wide" aria-labelledby="staff-heading">
      <CardHeader id="staff-heading" title={t('staffUi.title')} editLabel={isAdmin ? t('staffUi.add') : null} actionText={t('staffUi.add')} onEdit={() => { setNotice(null); setEditing(null); }} />
      {staff === undefined ? <p className="muted" role="status">{t('staffUi.loading')}</p> : (
        <table className="table staff-table">
          <caption className="visually-hidden">{t('staffUi.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffUi.column.name')}</th><th scope="col">{t('staffUi.column.roles')}</th><th scope="col">{t('staffUi.column.practitioner')}</th><th scope="col">{t('staffUi.column.active')}</th>
              {isAdmin && <th scope="col"><span className="visually-hidden">{t('staffUi.column.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className={s.active ? undefined : 'staff-table__inactive'}>
                <th scope="row"><span className="swatch" style={{ background: s.color }} aria-hidden="true" />{s.name}</th>
                <td>{s.roles.map((r) => t(ROLE_LABELS[r])).join(', ')}</td>
                <td>{t(s.isPractitioner ? 'common.yes' : 'common.no')}</td>
                <td>{t(s.active ? 'common.yes' : 'common.no')}</td>
                {isAdmin && (
                  <td className="num">
                    <button type="button" className="button" aria-label={t('staffUi.edit', { name: s.name })} onClick={() => { setNotice(null); setEditing(s); }}>{t('common.edit')}</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice && <p className="muted" role="status">{t(notice)}</p>}
      {editing !== undefined && (
        <StaffDialog
          member={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => { setNotice(text(editing ? 'staffUi.saved' : 'staffUi.added', { name: saved.name })); setEditing(undefined); }}
        />
      )}
    </section>
  );
}
