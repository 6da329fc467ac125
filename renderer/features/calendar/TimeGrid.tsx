/**
 * The shared body of the week and day views: an hour axis and columns of bookings
 * placed by time. Clicking empty space in a column asks to book that slot.
 */
import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { BookingDoc, ClientDoc, ClinicSettingsDoc, ServiceDoc, StaffDoc } from '../../../shared/schemas/index.js';
import { minutesIntoLocalDay } from '../../../shared/domain/time.js';
import { useT } from '../../app/language.js';
import { layoutColumn, visibleHours, type ColumnItem } from './column-layout.js';

export const PX_PER_MINUTE = 1;
const SLOT_MINUTES = 15;
const EN_DASH = '–';
const LIST_COMMA = ', ';
const SPACE = ' ';

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** An hour on the axis as the reader writes times ("07:00"); the axis is wall-clock, so no zone applies. */
function hourLabel(hour: number, locale: string): string {
  let f = hourFormats.get(locale);
  if (!f) hourFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' })));
  return f.format(new Date(Date.UTC(2000, 0, 1, hour)));
}

export interface GridColumn {
  key: string;
  label: string;
  sublabel?: string;
  isToday?: boolean;
  bookings: BookingDoc[];
  /** What a click on empty space in this column books. */
  slot: { date: string; practitionerId: string | null };
}

interface TimeGridProps {
  columns: GridColumn[];
  clients: Map<string, ClientDoc>;
  services: Map<string, ServiceDoc>;
  practitioners: Map<string, StaffDoc>;
  settings: ClinicSettingsDoc;
  onSlot: (slot: { date: string; practitionerId: string | null; minute: number }) => void;
  onOpenBooking: (booking: BookingDoc) => void;
}

export const TimeGrid = memo(function TimeGrid({ columns, clients, services, practitioners, settings, onSlot, onOpenBooking }: TimeGridProps) {
  const { t, time, locale } = useT();
  const items = new Map<string, ColumnItem[]>();
  const all: ColumnItem[] = [];
  for (const col of columns) {
    const list = col.bookings.map((b) => {
      const startMin = minutesIntoLocalDay(b.start, settings.timeZone);
      const endMin = Math.max(startMin + SLOT_MINUTES, startMin + (Date.parse(b.end) - Date.parse(b.start)) / 60_000);
      return { id: b.id, startMin, endMin };
    });
    items.set(col.key, list);
    all.push(...list);
  }
  const { startHour, endHour } = visibleHours(all);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const height = (endHour - startHour) * 60 * PX_PER_MINUTE;

  const onColumnClick = (col: GridColumn) => (e: MouseEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const y = e.nativeEvent.offsetY;
    const minute = startHour * 60 + Math.floor(y / PX_PER_MINUTE / SLOT_MINUTES) * SLOT_MINUTES;
    onSlot({ ...col.slot, minute });
  };

  return (
    <div className="grid" style={{ '--columns': columns.length } as CSSProperties}>
      <div className="grid__head" aria-hidden="true">
        <div className="grid__corner" />
        {columns.map((col) => (
          <div key={col.key} className={`grid__col-head${col.isToday ? ' grid__col-head--today' : ''}`}>
            <span className="grid__col-label">{col.label}</span>
            {col.sublabel && <span className="grid__col-sublabel">{col.sublabel}</span>}
          </div>
        ))}
      </div>
      <div className="grid__body" tabIndex={0} role="region" aria-label={t('calendar.grid.byTime')}>
        <div className="grid__axis" style={{ height }} aria-hidden="true">
          {hours.map((h) => <div key={h} className="grid__hour-label" style={{ top: (h - startHour) * 60 * PX_PER_MINUTE }}>{hourLabel(h, locale)}</div>)}
        </div>
        {columns.map((col) => {
          const colItems = items.get(col.key) ?? [];
          const placed = layoutColumn(colItems);
          const itemById = new Map(colItems.map((i) => [i.id, i]));
          const groupName = col.sublabel ? `${col.label} ${col.sublabel}` : col.label;
          return (
            <div key={col.key} role="group" aria-label={groupName}
              className={`grid__column${col.isToday ? ' grid__column--today' : ''}`} style={{ height }}
              onClick={onColumnClick(col)} data-testid={`column-${col.key}`}>
              {hours.map((h) => <div key={h} className="grid__hour-line" style={{ top: (h - startHour) * 60 * PX_PER_MINUTE }} aria-hidden="true" />)}
              {col.bookings.map((b) => {
                const item = itemById.get(b.id)!;
                const p = placed.get(b.id) ?? { lane: 0, lanes: 1 };
                const client = clients.get(b.clientId);
                const service = services.get(b.serviceId);
                const practitioner = practitioners.get(b.practitionerId);
                const who = client ? `${client.firstName} ${client.lastName}` : t('calendar.grid.unknownClient');
                const start = time(b.start);
                const end = time(b.end);
                const title = `${start}–${end} ${who}${service ? `, ${service.name}` : ''}${practitioner ? `, ${practitioner.name}` : ''}`;
                return (
                  <button
                    key={b.id}
                    type="button"
                    className="booking"
                    title={title}
                    onClick={() => onOpenBooking(b)}
                    style={{
                      top: (item.startMin - startHour * 60) * PX_PER_MINUTE,
                      height: (item.endMin - item.startMin) * PX_PER_MINUTE - 2,
                      left: `calc(${(p.lane / p.lanes) * 100}% + 2px)`,
                      width: `calc(${100 / p.lanes}% - 4px)`,
                      '--practitioner-color': practitioner?.color ?? '#475569',
                    } as CSSProperties}
                  >
                    {/* The accessible name is the content: what is seen, plus the end and the practitioner. */}
                    <span className="booking__time">{start}<span className="visually-hidden">{EN_DASH}{end}</span></span>{SPACE}
                    <span className="booking__client">{who}</span>{SPACE}
                    {service && <span className="booking__service">{service.name}</span>}
                    {practitioner && <span className="visually-hidden">{LIST_COMMA}{practitioner.name}</span>}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
});
