/**
 * Dates and times as a person types them in the clinic's formats (docs/decisions/0033-languages.md).
 * Chromium writes its native date and time inputs in its own UI language, not the page's, so they
 * cannot follow a language switch. Our fields show and read the Translator locale's order and
 * separators instead: `02.12.2026` and `14:05` in Norway, `02/12/2026` in the UK, `12/02/2026` and
 * `2:05 PM` in the US. An ISO date (`2026-12-02`) is always understood too.
 * Pure; imported by the renderer's DateField and TimeField.
 */
import { formatLocalDate, isLocalDate } from '../../shared/domain/time.js';

type Part = 'day' | 'month' | 'year';

export interface DatePattern {
  /** The order the parts are written in, e.g. day, month, year. */
  readonly order: readonly Part[];
  readonly separator: string;
}

const patterns = new Map<string, DatePattern>();

export function datePattern(locale: string): DatePattern {
  let p = patterns.get(locale);
  if (!p) {
    const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 11, 2)));
    const order = parts.filter((x): x is Intl.DateTimeFormatPart & { type: Part } => x.type === 'day' || x.type === 'month' || x.type === 'year').map((x) => x.type);
    const separator = parts.find((x) => x.type === 'literal')?.value.trim() || '/';
    p = { order: order.length === 3 ? order : ['day', 'month', 'year'], separator };
    patterns.set(locale, p);
  }
  return p;
}

/** A LocalDate written the locale's way with two-digit day and month: "02.12.2026". */
export function formatDateInput(date: string, locale: string): string {
  if (!isLocalDate(date)) return date;
  const [year, month, day] = date.split('-') as [string, string, string];
  const { order, separator } = datePattern(locale);
  const value: Record<Part, string> = { day, month, year };
  return order.map((part) => value[part]).join(separator);
}

/** What was typed as a LocalDate, or null when it is not a whole, real date. */
export function parseDateInput(typed: string, locale: string): string | null {
  const text = typed.trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    return real(y, m, d);
  }
  const groups = text.split(/[^0-9]+/).filter(Boolean);
  if (groups.length !== 3) return null;
  const { order } = datePattern(locale);
  const value: Partial<Record<Part, string>> = {};
  order.forEach((part, i) => { value[part] = groups[i]; });
  if (!value.year || !/^\d{2}$|^\d{4}$/.test(value.year) || !/^\d{1,2}$/.test(value.day ?? '') || !/^\d{1,2}$/.test(value.month ?? '')) return null;
  const year = value.year.length === 2 ? 2000 + Number(value.year) : Number(value.year);
  return real(year, Number(value.month), Number(value.day));
}

function real(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return formatLocalDate(year, month, day);
}

/** True when the locale's clock runs 1–12 with AM/PM. */
export function usesTwelveHours(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' }).resolvedOptions().hourCycle;
  return cycle === 'h12' || cycle === 'h11';
}

/** "HH:MM" (24-hour, the value our forms keep) written the locale's way: "14:05" or "2:05 PM". */
export function formatTimeInput(value: string, locale: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  return new Intl.DateTimeFormat(locale, { hour: usesTwelveHours(locale) ? 'numeric' : '2-digit', minute: '2-digit', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2026, 0, 1, Number(m[1]), Number(m[2]))));
}

/** What was typed as "HH:MM", or null: "14:05", "1405", "14.05", "14", "2:05 pm", "2 PM". */
export function parseTimeInput(typed: string): string | null {
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?\s?(a\.?m\.?|p\.?m\.?)?$/.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.[0];
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "HH:MM" moved by `minutes` within the day (ArrowUp/ArrowDown in a time field). */
export function stepTime(value: string, minutes: number): string {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  const total = (((Number(m[1]) * 60 + Number(m[2]) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
