/**
 * The shared body of the week and day views: an hour axis and columns of bookings. Each
 * booking is cut to its day (day-segments.ts) and carries its billing state as an icon with
 * its name for screen readers. Timed: blocks placed by time, overlapping ones side by side.
 * Compact: one readable row per booking under the hour it starts in, "+N more" beyond
 * (compact-layout.ts). Clicking empty space in a column asks to book that slot.
 */
import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { BookingDoc, ClientDoc, ClinicSettingsDoc, ServiceDoc, StaffDoc } from '../../../shared/schemas/index.js';
import { BOOKING_BILLING_LABELS, type BookingBillingState } from '../../../shared/domain/booking-billing-state.js';
import { useT } from '../../app/language.js';
import { layoutColumn, visibleHours, type ColumnItem } from './column-layout.js';
import { hourTops, minuteAt, stackByHour, type CompactColumn } from './compact-layout.js';
import { clientName } from '../../../shared/domain/clients.js';

export const PX_PER_MINUTE = 1;
const SLOT_MINUTES = 15;
/** Rows an hour shows in compact mode before "+N more", and their height. */
export const COMPACT_ROWS = 4;
const COMPACT_ROW_PX = 21;
const COMPACT_MIN_HOUR_PX = 24;
const EN_DASH = '–';
const LIST_COMMA = ', ';
const SPACE = ' ';

/** One look per billing state (the words are BOOKING_BILLING_LABELS). */
const BILLING_ICONS: Readonly<Record<BookingBillingState, string>> = {
  external: '⇢', no_invoice: '·', draft: '✎', unpaid: '○', part_paid: '◐', link_sent: '✉',
  overdue: '!', debt_collection: '⚠', paid: '✓', credited: '↺', void: '⊘',
};

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** An hour on the axis as the reader writes times ("07:00"); the axis is wall-clock, so no zone applies. */
export function hourLabel(hour: number, locale: string): string {
  let f = hourFormats.get(locale);
  if (!f) hourFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' })));
  return f.format(new Date(Date.UTC(2000, 0, 1, hour)));
}

/** A booking's part on one column's day. */
export interface GridEntry {
  booking: BookingDoc;
  startMin: number;
  endMin: number;
  fromPreviousDay: boolean;
  intoNextDay: boolean;
}

export interface GridColumn {
  key: string;
  label: string;
  sublabel?: string;
  isToday?: boolean;
  entries: GridEntry[];
  /** What a click on empty space in this column books. */
  slot: { date: string; practitionerId: string | null };
}

/** The bookings behind one "+N more", for the list it opens. */
export interface MoreList {
  column: GridColumn;
  hour: number;
  entries: GridEntry[];
}

interface TimeGridProps {
  columns: GridColumn[];
  clients: Map<string, ClientDoc>;
  services: Map<string, ServiceDoc>;
  practitioners: Map<string, StaffDoc>;
  billing: Map<string, BookingBillingState>;
  settings: ClinicSettingsDoc;
  compact: boolean;
  onSlot: (slot: { date: string; practitionerId: string | null; minute: number }) => void;
  onOpenBooking: (booking: BookingDoc) => void;
  onOpenMore: (more: MoreList) => void;
}

export const TimeGrid = memo(function TimeGrid({ columns, clients, services, practitioners, billing, compact, onSlot, onOpenBooking, onOpenMore }: TimeGridProps) {
  const { t, locale } = useT();
  const items = new Map<string, ColumnItem[]>();
  const all: ColumnItem[] = [];
  for (const col of columns) {
    const list = col.entries.map((e) => ({ id: e.booking.id, startMin: e.startMin, endMin: Math.min(24 * 60, Math.max(e.endMin, e.startMin + SLOT_MINUTES)) }));
    items.set(col.key, list);
    all.push(...list);
  }
  const { startHour, endHour } = visibleHours(all);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const stacks = compact ? new Map(columns.map((c) => [c.key, stackByHour(items.get(c.key) ?? [], COMPACT_ROWS)])) : null;
  const tops = stacks
    ? hourTops([...stacks.values()], startHour, endHour, COMPACT_ROW_PX, COMPACT_MIN_HOUR_PX)
    : [...hours, endHour].map((h) => (h - startHour) * 60 * PX_PER_MINUTE);
  const height = tops[tops.length - 1]!;

  const onColumnClick = (col: GridColumn) => (e: MouseEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const y = e.nativeEvent.offsetY;
    const minute = stacks ? minuteAt(y, tops, startHour) : startHour * 60 + Math.floor(y / PX_PER_MINUTE / SLOT_MINUTES) * SLOT_MINUTES;
    onSlot({ ...col.slot, minute });
  };

  // Compact: a day with nothing booked (a weekend) gives its width to the busy ones.
  const tracks = columns.map((c) => (compact && c.entries.length === 0 && columns.length > 1 ? 'minmax(0, 0.4fr)' : 'minmax(0, 1fr)')).join(' ');
  const entryProps = { clients, services, practitioners, billing, onOpenBooking };
  return (
    <div className={`grid${compact ? ' grid--compact' : ''}`} style={{ '--columns': columns.length, '--tracks': tracks } as CSSProperties}>
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
          {hours.map((h, i) => <div key={h} className="grid__hour-label" style={{ top: tops[i] }}>{hourLabel(h, locale)}</div>)}
        </div>
        {columns.map((col) => {
          const groupName = col.sublabel ? `${col.label} ${col.sublabel}` : col.label;
          const stack = stacks?.get(col.key);
          return (
            <div key={col.key} role="group" aria-label={groupName}
              className={`grid__column${col.isToday ? ' grid__column--today' : ''}`} style={{ height }}
              onClick={onColumnClick(col)} data-testid={`column-${col.key}`}>
              {hours.map((h, i) => <div key={h} className="grid__hour-line" style={{ top: tops[i] }} aria-hidden="true" />)}
              {stack
                ? <CompactEntries col={col} stack={stack} tops={tops} startHour={startHour} onOpenMore={onOpenMore} {...entryProps} />
                : <TimedEntries col={col} items={items.get(col.key) ?? []} startHour={startHour} {...entryProps} />}
            </div>
          );
        })}
      </div>
    </div>
  );
});

interface EntryProps {
  clients: Map<string, ClientDoc>;
  services: Map<string, ServiceDoc>;
  practitioners: Map<string, StaffDoc>;
  billing: Map<string, BookingBillingState>;
  onOpenBooking: (booking: BookingDoc) => void;
}

function TimedEntries({ col, items, startHour, ...props }: EntryProps & { col: GridColumn; items: ColumnItem[]; startHour: number }) {
  const placed = layoutColumn(items);
  const itemById = new Map(items.map((i) => [i.id, i]));
  return col.entries.map((entry) => {
    const item = itemById.get(entry.booking.id)!;
    const p = placed.get(entry.booking.id) ?? { lane: 0, lanes: 1 };
    return (
      <BookingEntry key={entry.booking.id} entry={entry} {...props} style={{
        top: (item.startMin - startHour * 60) * PX_PER_MINUTE,
        height: (item.endMin - item.startMin) * PX_PER_MINUTE - 2,
        left: `calc(${(p.lane / p.lanes) * 100}% + 2px)`,
        width: `calc(${100 / p.lanes}% - 4px)`,
      }} />
    );
  });
}

function CompactEntries({ col, stack, tops, startHour, onOpenMore, ...props }: EntryProps & { col: GridColumn; stack: CompactColumn; tops: number[]; startHour: number; onOpenMore: (more: MoreList) => void }) {
  const { t } = useT();
  const { locale } = useT();
  const rowTop = (hour: number, row: number) => tops[hour - startHour]! + 2 + row * COMPACT_ROW_PX;
  const byId = new Map(col.entries.map((e) => [e.booking.id, e]));
  return (
    <>
      {col.entries.map((entry) => {
        const place = stack.rows.get(entry.booking.id);
        if (!place) return null;
        return <BookingEntry key={entry.booking.id} entry={entry} compact {...props} style={{ top: rowTop(place.hour, place.row), height: COMPACT_ROW_PX - 2, left: 2, right: 2 }} />;
      })}
      {stack.more.map((m) => (
        <button key={`more-${m.hour}`} type="button" className="booking-more" style={{ top: rowTop(m.hour, COMPACT_ROWS), height: COMPACT_ROW_PX - 2 }}
          aria-label={t('calendar.moreLabel', { count: m.ids.length, from: hourLabel(m.hour, locale) })}
          onClick={() => onOpenMore({ column: col, hour: m.hour, entries: m.ids.map((id) => byId.get(id)!) })}>
          {t('calendar.more', { count: m.ids.length })}
        </button>
      ))}
    </>
  );
}

/** One booking: a block in the timed grid, a row in the compact one or in a "+N more" list. */
export function BookingEntry({ entry, clients, services, practitioners, billing, onOpenBooking, style, compact, inList }: EntryProps & { entry: GridEntry; style?: CSSProperties; compact?: boolean; inList?: boolean }) {
  const { t, time } = useT();
  const b = entry.booking;
  const client = clients.get(b.clientId);
  const service = services.get(b.serviceId);
  const practitioner = practitioners.get(b.practitionerId);
  const state = billing.get(b.id) ?? 'no_invoice';
  const stateName = t(BOOKING_BILLING_LABELS[state]);
  const who = client ? clientName(client) : t('calendar.grid.unknownClient');
  const start = time(b.start);
  const end = time(b.end);
  const continues = [entry.fromPreviousDay ? t('calendar.continuedFromPreviousDay') : '', entry.intoNextDay ? t('calendar.continuesNextDay') : ''].filter(Boolean).join(LIST_COMMA);
  // The hover text, in the reader's words and order (one message, not pieces joined here).
  const title = t('calendar.booking.title', {
    start, end, client: who, service: service?.name ?? '', hasService: service ? 'yes' : 'no', practitioner: practitioner?.name ?? '',
    hasPractitioner: practitioner ? 'yes' : 'no', state: stateName, continues, hasContinues: continues ? 'yes' : 'no',
  });
  const className = ['booking', compact ? 'booking--row' : '', inList ? 'booking--in-list' : '', entry.fromPreviousDay ? 'booking--from-previous' : '', entry.intoNextDay ? 'booking--into-next' : ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={className} title={title} onClick={() => onOpenBooking(b)} data-billing={state} data-testid={inList ? undefined : `booking-${b.id}`}
      style={{ ...style, '--practitioner-color': practitioner?.color ?? '#475569' } as CSSProperties}>
      {/* The accessible name is the content: what is seen, plus the end, the practitioner and the billing state. */}
      <span className="booking__time">{start}<span className="visually-hidden">{EN_DASH}{end}</span></span>{SPACE}
      <span className="booking__client">{who}</span>{SPACE}
      {service && !compact && <span className="booking__service">{service.name}</span>}
      {practitioner && <span className="visually-hidden">{LIST_COMMA}{practitioner.name}</span>}
      <span className={`booking__billing billing billing--${state}`}><span aria-hidden="true">{BILLING_ICONS[state]}</span><span className="visually-hidden">{LIST_COMMA}{stateName}</span></span>
      {continues && <span className="visually-hidden">{LIST_COMMA}{continues}</span>}
    </button>
  );
}
