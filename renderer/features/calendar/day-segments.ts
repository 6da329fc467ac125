/**
 * A booking cut to the days it falls on: each visible day shows only its own part, so a
 * block never runs past its day's end into the next one. A booking that crosses midnight
 * shows on both days, each part saying it continues (issue 14 point 6). Minutes are the
 * clinic's wall clock from the day's midnight; 1440 is the day's end. Pure.
 */
import { minutesIntoLocalDay, startOfLocalDay, type LocalDate } from '../../../shared/domain/time.js';

export const DAY_MINUTES = 24 * 60;

export interface DaySegment {
  /** Index of the visible day. */
  day: number;
  startMin: number;
  endMin: number;
  /** The booking began on an earlier day. */
  fromPreviousDay: boolean;
  /** The booking runs on past this day's end. */
  intoNextDay: boolean;
}

/** The instants (ms) the visible days begin, and the one after the last ends: days.length + 1 values. */
export function dayBounds(days: readonly LocalDate[], nextDay: LocalDate, timeZone: string): number[] {
  return [...days, nextDay].map((d) => startOfLocalDay(d, timeZone).getTime());
}

/** The parts of [start, end) on each visible day, in day order. */
export function daySegments(start: string, end: string, bounds: readonly number[], timeZone: string): DaySegment[] {
  const s = Date.parse(start);
  const e = Math.max(Date.parse(end), s + 60_000);
  const out: DaySegment[] = [];
  for (let day = 0; day < bounds.length - 1; day++) {
    const dayStart = bounds[day]!;
    const dayEnd = bounds[day + 1]!;
    if (!(s < dayEnd && e > dayStart)) continue;
    const fromPreviousDay = s < dayStart;
    const intoNextDay = e > dayEnd;
    const startMin = fromPreviousDay ? 0 : Math.min(DAY_MINUTES - 1, minutesIntoLocalDay(new Date(s), timeZone));
    let endMin = e >= dayEnd ? DAY_MINUTES : minutesIntoLocalDay(new Date(e), timeZone);
    // A clock turned back in the night can put the wall-clock end before the start.
    if (endMin <= startMin) endMin = Math.min(DAY_MINUTES, startMin + Math.max(1, Math.round((Math.min(e, dayEnd) - Math.max(s, dayStart)) / 60_000)));
    out.push({ day, startMin, endMin, fromPreviousDay, intoNextDay });
  }
  return out;
}
