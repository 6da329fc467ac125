import { describe, expect, it } from 'vitest';
import { datePattern, formatDateInput, formatTimeInput, parseDateInput, parseTimeInput, stepTime, usesTwelveHours } from './date-input.js';

describe('date fields in the clinic\'s format', () => {
  it('write a date the locale\'s way', () => {
    expect(formatDateInput('2026-12-02', 'nb-NO')).toBe('02.12.2026');
    expect(formatDateInput('2026-12-02', 'en-GB')).toBe('02/12/2026');
    expect(formatDateInput('2026-12-02', 'en-US')).toBe('12/02/2026');
    expect(datePattern('nb-NO')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
  });

  it('read what was typed in the locale\'s order, and ISO dates anywhere', () => {
    expect(parseDateInput('02.12.2026', 'nb-NO')).toBe('2026-12-02');
    expect(parseDateInput('2.12.26', 'nb-NO')).toBe('2026-12-02');
    expect(parseDateInput('2/12/2026', 'en-GB')).toBe('2026-12-02');
    expect(parseDateInput('12/2/2026', 'en-US')).toBe('2026-12-02');
    expect(parseDateInput('2026-12-02', 'nb-NO')).toBe('2026-12-02');
    expect(parseDateInput(' 24 12 2026 ', 'nb-NO')).toBe('2026-12-24');
  });

  it.each(['', '31.02.2026', '2.12', '12.2026', '00.12.2026', '02.13.2026', 'i morgen', '02.12.202'])('refuse %j', (typed) => {
    expect(parseDateInput(typed, 'nb-NO')).toBeNull();
  });
});

describe('time fields in the clinic\'s clock', () => {
  it('write 24-hour times in Norway and 12-hour in the US', () => {
    expect(usesTwelveHours('nb-NO')).toBe(false);
    expect(usesTwelveHours('en-US')).toBe(true);
    expect(formatTimeInput('14:05', 'nb-NO')).toBe('14:05');
    expect(formatTimeInput('07:15', 'en-GB')).toBe('07:15');
    expect(formatTimeInput('14:05', 'en-US')).toMatch(/^2:05\sPM$/);
  });

  it('read what was typed', () => {
    expect(parseTimeInput('14:05')).toBe('14:05');
    expect(parseTimeInput('1405')).toBe('14:05');
    expect(parseTimeInput('14.05')).toBe('14:05');
    expect(parseTimeInput('9')).toBe('09:00');
    expect(parseTimeInput('2:05 pm')).toBe('14:05');
    expect(parseTimeInput('12 AM')).toBe('00:00');
    expect(parseTimeInput('12:30 p.m.')).toBe('12:30');
  });

  it.each(['', '24:00', '12:60', '13 pm', 'noon', '1:5'])('refuse %j', (typed) => {
    expect(parseTimeInput(typed)).toBeNull();
  });

  it('step by minutes within the day', () => {
    expect(stepTime('23:45', 15)).toBe('00:00');
    expect(stepTime('00:00', -15)).toBe('23:45');
  });
});
