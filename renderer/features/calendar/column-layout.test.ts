import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutColumn, visibleHours, type ColumnItem } from './column-layout.js';

describe('layoutColumn', () => {
  it('gives a lone booking the full width', () => {
    expect(layoutColumn([{ id: 'a', startMin: 600, endMin: 645 }]).get('a')).toEqual({ lane: 0, lanes: 1 });
  });

  it('puts overlapping bookings side by side and touching ones in one lane', () => {
    const placed = layoutColumn([
      { id: 'a', startMin: 600, endMin: 660 },
      { id: 'b', startMin: 630, endMin: 690 },
      { id: 'c', startMin: 660, endMin: 700 },
      { id: 'd', startMin: 720, endMin: 750 },
    ]);
    expect(placed.get('a')).toEqual({ lane: 0, lanes: 2 });
    expect(placed.get('b')).toEqual({ lane: 1, lanes: 2 });
    expect(placed.get('c')).toEqual({ lane: 0, lanes: 2 });
    expect(placed.get('d')).toEqual({ lane: 0, lanes: 1 });
  });

  it('never puts two overlapping bookings in the same lane', () => {
    const item = fc.record({ start: fc.integer({ min: 0, max: 1400 }), len: fc.integer({ min: 5, max: 180 }) });
    fc.assert(fc.property(fc.array(item, { maxLength: 60 }), (raw) => {
      const items: ColumnItem[] = raw.map((r, i) => ({ id: String(i), startMin: r.start, endMin: r.start + r.len }));
      const placed = layoutColumn(items);
      expect(placed.size).toBe(items.length);
      for (const a of items) {
        const pa = placed.get(a.id)!;
        expect(pa.lane).toBeLessThan(pa.lanes);
        for (const b of items) {
          if (a.id >= b.id) continue;
          const pb = placed.get(b.id)!;
          const overlap = a.startMin < b.endMin && b.startMin < a.endMin;
          if (overlap) {
            expect(pa.lane).not.toBe(pb.lane);
            expect(pa.lanes).toBe(pb.lanes);
          }
        }
      }
    }));
  });
});

describe('visibleHours', () => {
  it('shows working hours and stretches for early or late bookings', () => {
    expect(visibleHours([])).toEqual({ startHour: 7, endHour: 20 });
    expect(visibleHours([{ id: 'a', startMin: 6 * 60 + 30, endMin: 21 * 60 + 15 }])).toEqual({ startHour: 6, endHour: 22 });
  });
});
