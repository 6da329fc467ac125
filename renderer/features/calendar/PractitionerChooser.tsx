/**
 * Which practitioners the calendar shows: a button that opens a list of checkboxes (Tab,
 * Space, Escape), with "Show all" and "Only me". The choice is saved at once; the caller
 * keeps it per desk and staff member (shared/db/calendar-view-preference.ts).
 */
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { togglePractitioner, type CalendarViewChoice } from '../../../shared/domain/calendar-view.js';
import { useT } from '../../app/language.js';

interface Props {
  practitioners: StaffDoc[];
  shownIds: string[];
  viewerId: string;
  onChange: (choice: CalendarViewChoice['practitioners']) => void;
}

export function PractitionerChooser({ practitioners, shownIds, viewerId, onChange }: Props) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const ids = practitioners.map((p) => p.id);
  const shown = new Set(shownIds);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => { if (!rootRef.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div className="chooser" ref={rootRef}
      onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); buttonRef.current?.focus(); } }}>
      <button ref={buttonRef} type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t('calendar.practitioners.button', { shown: shownIds.length, total: practitioners.length })}
      </button>
      {open && (
        <div className="chooser__panel" id={panelId}>
          <fieldset>
            <legend>{t('calendar.practitioners.legend')}</legend>
            <div className="chooser__quick">
              <button type="button" className="button button--small" onClick={() => onChange({ mode: 'all' })}>{t('calendar.practitioners.all')}</button>
              {ids.includes(viewerId) && (
                <button type="button" className="button button--small" onClick={() => onChange({ mode: 'some', ids: [viewerId] })}>{t('calendar.practitioners.onlyMe')}</button>
              )}
            </div>
            <ul className="chooser__list">
              {practitioners.map((p) => (
                <li key={p.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={shown.has(p.id)} onChange={(e) => onChange(togglePractitioner(shownIds, ids, p.id, e.target.checked))} />
                    <span className="chooser__dot" style={{ '--practitioner-color': p.color } as CSSProperties} aria-hidden="true" />
                    {p.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
      )}
    </div>
  );
}
