import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays, addMinutes, isLocalDate, isValidTimeZone, localDateOf, localDaysRange, minutesIntoLocalDay,
  startOfLocalDay, startOfWeek, toWallTime, wallTimeToInstant, weekdayIndex, zoneOffsetMinutes, type WallTime,
} from './time.js';

const ZONES = ['Europe/Oslo', 'Europe/London', 'America/New_York'] as const;
const HOUR = 3_600_000;
const wall = (year: number, month: number, day: number, hour: number, minute: number): WallTime => ({ year, month, day, hour, minute });
const iso = (w: WallTime, zone: string) => wallTimeToInstant(w, zone).toISOString();

describe('toWallTime and wallTimeToInstant', () => {
  it('reads the wall clock in each zone', () => {
    const instant = '2026-11-21T09:30:15.000Z';
    expect(toWallTime(instant, 'Europe/Oslo')).toEqual({ year: 2026, month: 11, day: 21, hour: 10, minute: 30, second: 15 });
    expect(toWallTime(instant, 'Europe/London')).toEqual({ year: 2026, month: 11, day: 21, hour: 9, minute: 30, second: 15 });
    expect(toWallTime(instant, 'America/New_York')).toEqual({ year: 2026, month: 11, day: 21, hour: 4, minute: 30, second: 15 });
    expect(toWallTime('2026-07-01T22:00:00.000Z', 'Europe/Oslo')).toEqual({ year: 2026, month: 7, day: 2, hour: 0, minute: 0, second: 0 });
  });

  it('finds the instant of an ordinary wall time', () => {
    expect(iso(wall(2026, 11, 21, 10, 30), 'Europe/Oslo')).toBe('2026-11-21T09:30:00.000Z');
    expect(iso(wall(2026, 7, 1, 10, 30), 'Europe/Oslo')).toBe('2026-07-01T08:30:00.000Z');
    expect(iso(wall(2026, 7, 1, 10, 30), 'Europe/London')).toBe('2026-07-01T09:30:00.000Z');
    expect(iso(wall(2026, 1, 15, 9, 0), 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(wall(2026, 12, 31, 23, 45), 'America/New_York')).toBe('2027-01-01T04:45:00.000Z');
  });

  it('round-trips ordinary wall times in each zone', () => {
    for (const zone of ZONES) {
      for (const w of [wall(2026, 1, 1, 0, 0), wall(2026, 6, 15, 12, 5), wall(2026, 12, 31, 23, 59), wall(2024, 2, 29, 8, 15)]) {
        const back = toWallTime(wallTimeToInstant(w, zone), zone);
        expect({ ...back, second: undefined }).toEqual({ ...w, second: undefined });
      }
    }
  });

  it('moves a wall time in the spring-forward gap one hour later', () => {
    // Oslo: clocks jump 02:00 → 03:00 on 2026-03-29; 02:30 does not exist.
    expect(iso(wall(2026, 3, 29, 2, 30), 'Europe/Oslo')).toBe('2026-03-29T01:30:00.000Z');
    expect(toWallTime('2026-03-29T01:30:00.000Z', 'Europe/Oslo')).toMatchObject({ hour: 3, minute: 30 });
    // London: 01:00 → 02:00 the same day.
    expect(iso(wall(2026, 3, 29, 1, 30), 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    // New York: 02:00 → 03:00 on 2026-03-08.
    expect(iso(wall(2026, 3, 8, 2, 30), 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of the two instants in the autumn overlap', () => {
    // Oslo: clocks go back 03:00 → 02:00 on 2026-10-25; 02:30 happens at 00:30Z and 01:30Z.
    expect(iso(wall(2026, 10, 25, 2, 30), 'Europe/Oslo')).toBe('2026-10-25T00:30:00.000Z');
    expect(toWallTime('2026-10-25T01:30:00.000Z', 'Europe/Oslo')).toMatchObject({ hour: 2, minute: 30 });
    expect(iso(wall(2026, 10, 25, 1, 30), 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(wall(2026, 11, 1, 1, 30), 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('round-trips every instant to the minute, except the second pass through an autumn hour', () => {
    const from = Date.UTC(1980, 0, 1);
    const to = Date.UTC(2060, 0, 1);
    // Half the runs land within three hours of a 2026 clock change, so both exceptions are hit.
    const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'].map(Date.parse);
    const nearChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([c, d]) => c + d);
    fc.assert(fc.property(fc.oneof(fc.integer({ min: from, max: to }), nearChange), fc.constantFrom(...ZONES), (ms, zone) => {
      const minute = Math.floor(ms / 60_000) * 60_000;
      const w = toWallTime(new Date(ms), zone);
      const earlier = toWallTime(new Date(minute - HOUR), zone);
      // The clock showed this same minute an hour before: we are in the overlap's second hour.
      const secondPass = earlier.year === w.year && earlier.month === w.month && earlier.day === w.day
        && earlier.hour === w.hour && earlier.minute === w.minute;
      const expected = secondPass ? minute - HOUR : minute;
      expect(wallTimeToInstant(w, zone).getTime()).toBe(expected);
      if (secondPass) expect(zoneOffsetMinutes(new Date(minute - HOUR), zone)).toBe(zoneOffsetMinutes(new Date(minute), zone) + 60);
    }), { numRuns: 2_000 });
  });

  it('hits the autumn exception around the real changes, and only there', () => {
    // Half past two in Oslo on the way back: the second pass maps to the first.
    expect(wallTimeToInstant(toWallTime('2026-10-25T01:30:00.000Z', 'Europe/Oslo'), 'Europe/Oslo').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // An hour later it is ordinary again.
    expect(wallTimeToInstant(toWallTime('2026-10-25T02:30:00.000Z', 'Europe/Oslo'), 'Europe/Oslo').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });
});

describe('zoneOffsetMinutes', () => {
  it('knows winter and summer offsets', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/Oslo')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/Oslo')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
  });
});

describe('clinic days', () => {
  it('a normal week is exactly 7 × 24 hours', () => {
    const r = localDaysRange('2026-11-16', 7, 'Europe/Oslo');
    expect(r).toEqual({ from: '2026-11-15T23:00:00.000Z', to: '2026-11-22T23:00:00.000Z' });
  });

  it('the spring-forward week is an hour short', () => {
    const oslo = localDaysRange('2026-03-23', 7, 'Europe/Oslo');
    expect(oslo).toEqual({ from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(Date.parse(oslo.to) - Date.parse(oslo.from)).toBe(7 * 24 * HOUR - HOUR);
    const ny = localDaysRange('2026-03-02', 7, 'America/New_York');
    expect(Date.parse(ny.to) - Date.parse(ny.from)).toBe(7 * 24 * HOUR - HOUR);
    const london = localDaysRange('2026-03-23', 7, 'Europe/London');
    expect(Date.parse(london.to) - Date.parse(london.from)).toBe(7 * 24 * HOUR - HOUR);
  });

  it('the autumn week is an hour long', () => {
    const oslo = localDaysRange('2026-10-19', 7, 'Europe/Oslo');
    expect(oslo).toEqual({ from: '2026-10-18T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect(Date.parse(oslo.to) - Date.parse(oslo.from)).toBe(7 * 24 * HOUR + HOUR);
    const ny = localDaysRange('2026-10-26', 7, 'America/New_York');
    expect(Date.parse(ny.to) - Date.parse(ny.from)).toBe(7 * 24 * HOUR + HOUR);
  });

  it('a day begins at local midnight', () => {
    expect(startOfLocalDay('2026-07-01', 'Europe/Oslo').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(localDateOf('2026-06-30T22:00:00.000Z', 'Europe/Oslo')).toBe('2026-07-01');
    expect(localDateOf('2026-06-30T21:59:59.999Z', 'Europe/Oslo')).toBe('2026-06-30');
  });

  it('places a booking by its wall-clock minutes', () => {
    expect(minutesIntoLocalDay('2026-11-21T09:30:00.000Z', 'Europe/Oslo')).toBe(10 * 60 + 30);
    expect(minutesIntoLocalDay('2026-03-29T01:30:00.000Z', 'Europe/Oslo')).toBe(3 * 60 + 30);
  });
});

describe('calendar dates', () => {
  it('weeks start on Monday', () => {
    expect(weekdayIndex('2026-11-16')).toBe(0);
    expect(weekdayIndex('2026-11-22')).toBe(6);
    expect(startOfWeek('2026-11-21')).toBe('2026-11-16'); // Saturday
    expect(startOfWeek('2026-11-22')).toBe('2026-11-16'); // Sunday
    expect(startOfWeek('2026-11-16')).toBe('2026-11-16'); // Monday itself
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28'); // across a year end
    // A week that starts on Sunday (7), as in the US: Sunday itself, and the Sunday before a Saturday.
    expect(startOfWeek('2026-11-22', 7)).toBe('2026-11-22');
    expect(startOfWeek('2026-11-21', 7)).toBe('2026-11-15');
    expect(startOfWeek('2026-11-16', 7)).toBe('2026-11-15');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-21', 0)).toBe('2026-11-21');
    expect(addDays('2026-11-21', 365)).toBe('2027-11-21');
  });

  it('addDays(d, n) then addDays(…, −n) is the identity', () => {
    const date = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(fc.property(date, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
      expect(addDays(addDays(d, n), -n)).toBe(d);
      expect(weekdayIndex(startOfWeek(d))).toBe(0);
    }));
  });

  it('validates dates', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-4-1')).toBe(false);
    expect(isLocalDate('')).toBe(false);
    expect(isLocalDate('21.11.2026')).toBe(false);
  });

  it('knows a time zone from a typo', () => {
    expect(isValidTimeZone('Europe/Oslo')).toBe(true);
    expect(isValidTimeZone('Europe/Olso')).toBe(false);
  });

  it('adds minutes to an instant', () => {
    expect(addMinutes('2026-11-21T23:30:00.000Z', 45)).toBe('2026-11-22T00:15:00.000Z');
  });
});
