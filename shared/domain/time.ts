/**
 * Time rules (docs/design.md invariant 4): instants are UTC ISO strings
 * ("2026-11-21T09:30:00.000Z", always from Date#toISOString so they sort as text);
 * the clinic's IANA time zone is used for display and for wall-clock arithmetic.
 * A calendar day is a LocalDate "YYYY-MM-DD" in the clinic's zone.
 */

export type LocalDate = string;

export interface WallTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time an instant shows in a zone. */
export function toWallTime(instant: Date | string, timeZone: string): WallTime & { second: number } {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!, month: out.month!, day: out.day!,
    hour: out.hour! % 24, minute: out.minute!, second: out.second!,
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Oslo in winter: +60). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = toWallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the zone's clock shows this wall time. In the spring-forward
 * gap (a wall time that does not exist) the clock's later reading is used, so 02:30
 * becomes 03:30; in the autumn overlap the first of the two instants is used.
 */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const day = 24 * 60 * 60_000;
  const offsetBefore = zoneOffsetMinutes(new Date(guess - day), timeZone);
  const offsets = new Set([offsetBefore, zoneOffsetMinutes(new Date(guess), timeZone), zoneOffsetMinutes(new Date(guess + day), timeZone)]);
  const matching = [...offsets]
    .map((offset) => guess - offset * 60_000)
    .filter((c) => {
      const w = toWallTime(new Date(c), timeZone);
      return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
    });
  if (matching.length > 0) return new Date(Math.min(...matching));
  // In a gap: the offset from before the gap carries the clock forward (02:30 → 03:30).
  return new Date(guess - offsetBefore * 60_000);
}

export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const { year, month, day } = parseLocalDate(value);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Calendar arithmetic on dates, independent of any zone. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Monday … 6 = Sunday (ISO weekday − 1). */
export function weekdayIndex(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/**
 * The first day of the week that holds this date: Monday by default, or the clinic's first
 * weekday (1 = Monday … 7 = Sunday, as `Intl.Locale` week info gives it; shared/i18n/locale.ts).
 */
export function startOfWeek(date: LocalDate, firstDay = 1): LocalDate {
  return addDays(date, -((weekdayIndex(date) - (firstDay - 1) + 7) % 7));
}

/** Today's date on the clinic's wall calendar. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  const w = toWallTime(instant, timeZone);
  return formatLocalDate(w.year, w.month, w.day);
}

/** The instant a clinic day begins (its midnight, or the first instant after a gap). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return wallTimeToInstant({ ...parseLocalDate(date), hour: 0, minute: 0 }, timeZone);
}

/** [from, to) as UTC ISO strings covering `days` clinic days from `date`: for indexed range queries. */
export function localDaysRange(date: LocalDate, days: number, timeZone: string): { from: string; to: string } {
  return {
    from: startOfLocalDay(date, timeZone).toISOString(),
    to: startOfLocalDay(addDays(date, days), timeZone).toISOString(),
  };
}

/** Minutes since the clinic day's midnight on the wall clock, for placing a booking in a column. */
export function minutesIntoLocalDay(instant: Date | string, timeZone: string): number {
  const w = toWallTime(instant, timeZone);
  return w.hour * 60 + w.minute;
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * 60_000).toISOString();
}

/** A date and "HH:MM" typed at the desk as a UTC ISO instant in the clinic's zone, or null when either is not valid. */
export function localDateTimeToInstant(date: string, time: string, timeZone: string): string | null {
  if (!isLocalDate(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  if (hour > 23 || minute > 59) return null;
  return wallTimeToInstant({ ...parseLocalDate(date), hour, minute }, timeZone).toISOString();
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A LocalDate ("2026-11-21") as the clinic writes dates, for screens and messages alike;
 * formatted in UTC at noon so no zone shifts the day.
 */
export function formatLocalDay(date: string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options })));
  return f.format(new Date(`${date}T12:00:00Z`));
}
