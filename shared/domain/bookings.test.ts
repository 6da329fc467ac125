import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bookingEnd, bookingWindow, checkBookingDay, conflictingBookings, overlaps } from './bookings.js';
import { createTranslator } from '../i18n/translator.js';

const at = (hhmm: string) => `2026-11-23T${hhmm}:00.000Z`;
const iv = (start: string, end: string) => ({ start: at(start), end: at(end) });

type B = { id: string; practitionerId: string; start: string; end: string; status: 'booked' | 'cancelled' };
const booking = (id: string, practitionerId: string, start: string, end: string, status: B['status'] = 'booked'): B =>
  ({ id, practitionerId, start: at(start), end: at(end), status });

describe('overlaps', () => {
  it('touching bookings do not overlap', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('10:00', '11:00'))).toBe(false);
    expect(overlaps(iv('10:00', '11:00'), iv('09:00', '10:00'))).toBe(false);
  });

  it('one inside the other overlaps', () => {
    expect(overlaps(iv('09:00', '12:00'), iv('10:00', '11:00'))).toBe(true);
    expect(overlaps(iv('10:00', '11:00'), iv('09:00', '12:00'))).toBe(true);
    expect(overlaps(iv('09:00', '10:00'), iv('09:00', '10:00'))).toBe(true);
  });

  it('a partial overlap overlaps', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('09:59', '11:00'))).toBe(true);
    expect(overlaps(iv('09:30', '10:30'), iv('09:00', '10:00'))).toBe(true);
  });

  it('separate bookings do not overlap', () => {
    expect(overlaps(iv('09:00', '10:00'), iv('11:00', '12:00'))).toBe(false);
  });

  it('is symmetric', () => {
    const base = Date.parse('2026-11-23T00:00:00.000Z');
    const interval = fc.tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 1, max: 240 }))
      .map(([s, d]) => ({ start: new Date(base + s * 60_000).toISOString(), end: new Date(base + (s + d) * 60_000).toISOString() }));
    fc.assert(fc.property(interval, interval, (a, b) => {
      expect(overlaps(a, b)).toBe(overlaps(b, a));
      // Same as the arithmetic definition on numbers.
      const [as, ae, bs, be] = [a.start, a.end, b.start, b.end].map(Date.parse) as [number, number, number, number];
      expect(overlaps(a, b)).toBe(Math.max(as, bs) < Math.min(ae, be));
    }));
  });
});

describe('conflictingBookings', () => {
  const candidate = { id: 'new', practitionerId: 'p1', start: at('10:00'), end: at('11:00') };

  it('finds booked bookings of the same practitioner that overlap', () => {
    const existing = [
      booking('a', 'p1', '09:30', '10:30'),
      booking('b', 'p1', '10:15', '10:45'),
      booking('c', 'p1', '11:00', '12:00'), // touches the end
      booking('d', 'p1', '09:00', '10:00'), // touches the start
    ];
    expect(conflictingBookings(candidate, existing).map((b) => b.id)).toEqual(['a', 'b']);
  });

  it('ignores other practitioners, cancelled bookings and the booking itself', () => {
    const existing = [
      booking('other', 'p2', '10:00', '11:00'),
      booking('gone', 'p1', '10:00', '11:00', 'cancelled'),
      booking('new', 'p1', '10:00', '11:00'),
    ];
    expect(conflictingBookings(candidate, existing)).toEqual([]);
  });
});

describe('bookingEnd', () => {
  it('is the start plus the duration', () => {
    expect(bookingEnd(at('10:00'), 45)).toBe(at('10:45'));
    expect(bookingEnd('2026-11-23T23:30:00.000Z', 60)).toBe('2026-11-24T00:30:00.000Z');
  });
});

describe('the booking window', () => {
  const today = '2026-11-20';

  it('runs from a year back to two years ahead of today', () => {
    expect(bookingWindow(today)).toEqual({ earliest: '2025-11-20', latest: '2028-11-20' });
    // 29 February has no twin in a common year: the day before is used.
    expect(bookingWindow('2028-02-29')).toEqual({ earliest: '2027-02-28', latest: '2030-02-28' });
  });

  it('refuses a day outside it with the window in the message', () => {
    expect(checkBookingDay('1900-01-01', today)).toMatchObject({
      ok: false, field: 'start',
      message: '1 Jan 1900 is too far back: a booking can be from 20 Nov 2025 to 20 Nov 2028. Check the date.',
    });
    expect(checkBookingDay('2025-11-19', today)).toMatchObject({ ok: false, message: /^19 Nov 2025 is too far back/ });
    expect(checkBookingDay('2028-11-21', today)).toMatchObject({ ok: false, message: /^21 Nov 2028 is too far ahead/ });
  });

  it('reads the refusal in bokmål, with Norwegian dates', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const refused = checkBookingDay('1900-01-01', today);
    expect(!refused.ok && nb.t(refused.text)).toBe('1. jan. 1900 ligger for langt tilbake i tid: en time kan være fra 20. nov. 2025 til 20. nov. 2028. Sjekk datoen.');
    const ahead = checkBookingDay('2028-11-21', today);
    expect(!ahead.ok && nb.t(ahead.text)).toMatch(/^21\. nov\. 2028 ligger for langt fram i tid/);
  });

  it('takes both ends, and marks a day before today as in the past', () => {
    expect(checkBookingDay('2025-11-20', today)).toEqual({ ok: true, value: { inPast: true } });
    expect(checkBookingDay('2026-11-19', today)).toEqual({ ok: true, value: { inPast: true } });
    expect(checkBookingDay(today, today)).toEqual({ ok: true, value: { inPast: false } });
    expect(checkBookingDay('2028-11-20', today)).toEqual({ ok: true, value: { inPast: false } });
  });

  it('follows today, not the wall clock', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
      const day = new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
      expect(checkBookingDay(day, day)).toEqual({ ok: true, value: { inPast: false } });
      expect(checkBookingDay('1900-01-01', day).ok).toBe(false);
    }));
  });
});
