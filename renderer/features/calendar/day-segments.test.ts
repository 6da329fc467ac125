import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../../shared/domain/time.js';
import { DAY_MINUTES, dayBounds, daySegments } from './day-segments.js';

const WEEK = Array.from({ length: 7 }, (_, i) => addDays('2026-03-23', i));
const OSLO = 'Europe/Oslo';
const osloBounds = dayBounds(WEEK, addDays(WEEK[6]!, 1), OSLO);

describe('a booking cut to its days', () => {
  it('keeps a booking inside one day as it is', () => {
    // 10:00–10:45 Oslo (UTC+1 in March before the clocks change).
    expect(daySegments('2026-03-24T09:00:00.000Z', '2026-03-24T09:45:00.000Z', osloBounds, OSLO))
      .toEqual([{ day: 1, startMin: 600, endMin: 645, fromPreviousDay: false, intoNextDay: false }]);
  });

  it('clips a booking to midnight and shows the rest on the next day', () => {
    // 22:30 Tuesday to 01:30 Wednesday in Oslo.
    expect(daySegments('2026-03-24T21:30:00.000Z', '2026-03-25T00:30:00.000Z', osloBounds, OSLO)).toEqual([
      { day: 1, startMin: 22 * 60 + 30, endMin: DAY_MINUTES, fromPreviousDay: false, intoNextDay: true },
      { day: 2, startMin: 0, endMin: 90, fromPreviousDay: true, intoNextDay: false },
    ]);
    // Ending exactly at midnight: one day, not continuing.
    expect(daySegments('2026-03-24T22:00:00.000Z', '2026-03-24T23:00:00.000Z', osloBounds, OSLO))
      .toEqual([{ day: 1, startMin: 23 * 60, endMin: DAY_MINUTES, fromPreviousDay: false, intoNextDay: false }]);
  });

  it('shows the part of a booking that began before the week, and nothing of one outside it', () => {
    expect(daySegments('2026-03-22T22:00:00.000Z', '2026-03-23T01:00:00.000Z', osloBounds, OSLO))
      .toEqual([{ day: 0, startMin: 0, endMin: 120, fromPreviousDay: true, intoNextDay: false }]);
    expect(daySegments('2026-03-22T10:00:00.000Z', '2026-03-22T11:00:00.000Z', osloBounds, OSLO)).toEqual([]);
  });

  it('keeps wall-clock times across the change to summer time (29 March 2026)', () => {
    // Sunday 29 March: 01:00–04:00 Oslo is 00:00–01:00 UTC (the clock jumps 02:00 → 03:00).
    const [seg] = daySegments('2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', osloBounds, OSLO);
    expect(seg).toEqual({ day: 6, startMin: 60, endMin: 180, fromPreviousDay: false, intoNextDay: false });
  });

  it('never leaves a day and covers the booking, day after day (any booking of up to 24 hours)', () => {
    const utcBounds = dayBounds(WEEK, addDays(WEEK[6]!, 1), 'UTC');
    const weekStart = utcBounds[0]!;
    fc.assert(fc.property(fc.integer({ min: -2 * 1440, max: 8 * 1440 }), fc.integer({ min: 1, max: 1440 }), (startOffset, duration) => {
      const s = weekStart + startOffset * 60_000;
      const e = s + duration * 60_000;
      const segs = daySegments(new Date(s).toISOString(), new Date(e).toISOString(), utcBounds, 'UTC');
      for (const seg of segs) {
        expect(seg.startMin).toBeGreaterThanOrEqual(0);
        expect(seg.endMin).toBeLessThanOrEqual(DAY_MINUTES);
        expect(seg.startMin).toBeLessThan(seg.endMin);
      }
      for (let i = 1; i < segs.length; i++) {
        expect(segs[i]!.day).toBe(segs[i - 1]!.day + 1);
        expect(segs[i - 1]!.intoNextDay && segs[i]!.fromPreviousDay).toBe(true);
      }
      // Within the week, the parts add up to the booking, and each says whether it goes on.
      const visible = Math.max(0, Math.min(e, utcBounds[7]!) - Math.max(s, weekStart)) / 60_000;
      expect(segs.reduce((sum, seg) => sum + seg.endMin - seg.startMin, 0)).toBe(visible);
      if (segs.length > 0) {
        expect(segs[0]!.fromPreviousDay).toBe(s < utcBounds[segs[0]!.day]!);
        expect(segs[segs.length - 1]!.intoNextDay).toBe(e > utcBounds[segs[segs.length - 1]!.day + 1]!);
      }
    }));
  });
});
