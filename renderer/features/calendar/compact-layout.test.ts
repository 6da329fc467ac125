import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hourTops, minuteAt, rowsPerHour, stackByHour, type CompactItem } from './compact-layout.js';

const at = (id: string, h: number, m = 0): CompactItem => ({ id, startMin: h * 60 + m });

describe('the compact calendar', () => {
  it('stacks bookings under their hour in time order, then counts the rest in "+N more"', () => {
    const column = stackByHour([at('c', 8, 30), at('a', 8), at('b', 8, 15), at('d', 8, 45), at('e', 9), at('f', 8, 50)], 3);
    expect([...column.rows]).toEqual([['a', { hour: 8, row: 0 }], ['b', { hour: 8, row: 1 }], ['c', { hour: 8, row: 2 }], ['e', { hour: 9, row: 0 }]]);
    expect(column.more).toEqual([{ hour: 8, ids: ['d', 'f'] }]);
    expect(rowsPerHour(column)).toEqual(new Map([[8, 4], [9, 1]]));
  });

  it('shows or counts every booking exactly once, at most maxRows rows an hour, in time order', () => {
    const item = fc.record({ start: fc.integer({ min: 0, max: 1439 }) });
    fc.assert(fc.property(fc.array(item, { maxLength: 80 }), fc.integer({ min: 1, max: 6 }), (raw, maxRows) => {
      const items = raw.map((r, i) => ({ id: `b${i}`, startMin: r.start }));
      const { rows, more } = stackByHour(items, maxRows);
      const counted = more.flatMap((m) => m.ids);
      expect(rows.size + counted.length).toBe(items.length);
      expect(new Set([...rows.keys(), ...counted]).size).toBe(items.length);
      const byId = new Map(items.map((i) => [i.id, i]));
      const perHour = new Map<number, { row: number; start: number }[]>();
      for (const [id, p] of rows) {
        expect(p.hour).toBe(Math.floor(byId.get(id)!.startMin / 60));
        expect(p.row).toBeLessThan(maxRows);
        perHour.set(p.hour, [...(perHour.get(p.hour) ?? []), { row: p.row, start: byId.get(id)!.startMin }]);
      }
      for (const list of perHour.values()) {
        list.sort((a, b) => a.row - b.row);
        list.forEach((r, i) => expect(r.row).toBe(i));
        for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.start);
      }
      for (const m of more) {
        // Only a full hour has more, and what is counted starts in that hour, no earlier than its rows.
        expect([...rows.values()].filter((p) => p.hour === m.hour)).toHaveLength(maxRows);
        const lastShown = Math.max(...[...rows].filter(([, p]) => p.hour === m.hour).map(([id]) => byId.get(id)!.startMin));
        for (const id of m.ids) {
          expect(Math.floor(byId.get(id)!.startMin / 60)).toBe(m.hour);
          expect(byId.get(id)!.startMin).toBeGreaterThanOrEqual(lastShown);
        }
      }
    }));
  });

  it('makes each hour as tall as its busiest column, and maps a click back to its quarter hour', () => {
    const busy = stackByHour([at('a', 8), at('b', 8), at('c', 8), at('d', 8)], 3);
    const quiet = stackByHour([at('e', 9)], 3);
    const tops = hourTops([busy, quiet], 7, 11, 20, 24);
    expect(tops).toEqual([0, 24, 24 + 84, 24 + 84 + 24, 24 + 84 + 24 + 24]);
    expect(minuteAt(0, tops, 7)).toBe(7 * 60);
    expect(minuteAt(25, tops, 7)).toBe(8 * 60);
    expect(minuteAt(24 + 42, tops, 7)).toBe(8 * 60 + 30);
    expect(minuteAt(tops[4]! - 1, tops, 7)).toBe(10 * 60 + 45);
  });
});
