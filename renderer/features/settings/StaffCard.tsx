/** Settings → Staff: everyone sees who works here and in which roles; admins add and edit. */
import { useState } from 'react';
import { useDesk } from '../../app/desk-context.js';
import { useLiveQuery } from '../../data/live-query.js';
import { ROLE_LABELS } from '../../../shared/domain/staff.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { CardHeader } from './CardHeader.js';
import { StaffDialog } from './StaffDialog.js';
import { useDeskActor } from '../../app/use-desk-actor.js';

export function StaffCard() {
  const { db } = useDesk();
  const isAdmin = useDeskActor().can('admin');
  const staff = useLiveQuery(() => db.staff.find({ sort: [{ sortKey: 'asc' }] }), [db]);
  // undefined: closed; null: adding someone new.
  const [editing, setEditing] = useState<StaffDoc | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="card card--wide" aria-labelledby="staff-heading">
      <CardHeader id="staff-heading" title="Staff" editLabel={isAdmin ? 'Add staff member' : null} actionText="Add staff member" onEdit={() => { setNotice(null); setEditing(null); }} />
      {staff === undefined ? <p className="muted" role="status">Loading staff…</p> : (
        <table className="table staff-table">
          <caption className="visually-hidden">Staff members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Practitioner</th><th scope="col">Active</th>
              {isAdmin && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className={s.active ? undefined : 'staff-table__inactive'}>
                <th scope="row"><span className="swatch" style={{ background: s.color }} aria-hidden="true" />{s.name}</th>
                <td>{s.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                <td>{s.isPractitioner ? 'Yes' : 'No'}</td>
                <td>{s.active ? 'Yes' : 'No'}</td>
                {isAdmin && (
                  <td className="num">
                    <button type="button" className="button" aria-label={`Edit ${s.name}`} onClick={() => { setNotice(null); setEditing(s); }}>Edit</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice && <p className="muted" role="status">{notice}</p>}
      {editing !== undefined && (
        <StaffDialog
          member={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => { setNotice(editing ? `Changes to ${saved.name} saved.` : `${saved.name} added.`); setEditing(undefined); }}
        />
      )}
    </section>
  );
}
