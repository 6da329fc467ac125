/**
 * The compact calendar: bookings stacked as readable rows, one row each, under the hour they
 * start in, up to `maxRows` an hour; the rest of that hour is counted in one "+N more" that
 * opens them as a list. Every booking is either a row or counted once (issue 14 point 6).
 * Hours are as tall as their busiest column needs, so quiet hours stay short. Pure.
 */
export interface CompactItem {
  id: string;
  startMin: number;
}

export interface CompactColumn {
  /** Row of each shown booking: its hour and its place in that hour (0 first). */
  rows: Map<string, { hour: number; row: number }>;
  /** Per hour with more bookings than rows: the ones not shown, in time order. */
  more: { hour: number; ids: string[] }[];
}

export function stackByHour(items: readonly CompactItem[], maxRows: number): CompactColumn {
  const sorted = [...items].sort((a, b) => a.startMin - b.startMin || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = new Map<string, { hour: number; row: number }>();
  const more: { hour: number; ids: string[] }[] = [];
  let hour = -1;
  let row = 0;
  for (const item of sorted) {
    const h = Math.floor(item.startMin / 60);
    if (h !== hour) { hour = h; row = 0; }
    if (row < maxRows) rows.set(item.id, { hour: h, row: row++ });
    else {
      const last = more[more.length - 1];
      if (last?.hour === h) last.ids.push(item.id); else more.push({ hour: h, ids: [item.id] });
    }
  }
  return { rows, more };
}

/** How many rows each hour needs in a column: shown rows, plus one for its "+N more". */
export function rowsPerHour(column: CompactColumn): Map<number, number> {
  const out = new Map<number, number>();
  for (const { hour, row } of column.rows.values()) out.set(hour, Math.max(out.get(hour) ?? 0, row + 1));
  for (const { hour } of column.more) out.set(hour, (out.get(hour) ?? 0) + 1);
  return out;
}

/**
 * The top of each hour from `startHour` to `endHour` (endHour − startHour + 1 values, the last
 * the total height): each hour fits the most rows any column needs in it, and at least `minHour` px.
 */
export function hourTops(columns: readonly CompactColumn[], startHour: number, endHour: number, rowPx: number, minHour: number): number[] {
  const need = new Map<number, number>();
  for (const c of columns) for (const [h, n] of rowsPerHour(c)) need.set(h, Math.max(need.get(h) ?? 0, n));
  const tops = [0];
  for (let h = startHour; h < endHour; h++) tops.push(tops[tops.length - 1]! + Math.max(minHour, (need.get(h) ?? 0) * rowPx + 4));
  return tops;
}

/** The quarter hour a click at `y` px falls on, by the hour tops. */
export function minuteAt(y: number, tops: readonly number[], startHour: number): number {
  let i = 0;
  while (i < tops.length - 2 && y >= tops[i + 1]!) i++;
  const frac = Math.min(0.999, Math.max(0, (y - tops[i]!) / (tops[i + 1]! - tops[i]!)));
  return (startHour + i) * 60 + Math.floor(frac * 4) * 15;
}
