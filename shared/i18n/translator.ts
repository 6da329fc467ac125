/**
 * Puts Texts into words for one reader: a language, a format locale and the clinic's time zone
 * (docs/decisions/0033-languages.md). Built on FormatJS (`@formatjs/intl`), so the renderer's
 * react-intl and main's and the server's messages read the same catalogues with the same ICU
 * MessageFormat rules. Importable from every runtime.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { formatMoney, type CurrencyCode } from '../domain/money.js';
import { formatLocalDay } from '../domain/time.js';
import { CATALOGUES, SOURCE_LANGUAGE, type Language, type MessageId } from './catalogues/index.js';
import { formatLocaleFor } from './locale.js';
import type { DayValue, InstantValue, MoneyValue, RateValue, Text, TextValue } from './text.js';

export interface Reader {
  readonly language: Language;
  /** The clinic's locale (`nb-NO`): its region decides formats. */
  readonly clinicLocale: string;
  readonly timeZone: string;
}

export type Values = Readonly<Record<string, TextValue>>;

export interface Translator {
  readonly language: Language;
  /** The locale numbers, money and dates are written in, e.g. `en-NO`. */
  readonly locale: string;
  readonly timeZone: string;
  /** The FormatJS object underneath, for react-intl's provider. */
  readonly intl: IntlShape<string>;
  t(message: MessageId | Text, values?: Values): string;
  money(amountMinor: number, currency: CurrencyCode): string;
  day(date: string, style?: 'short' | 'medium' | 'long' | 'full'): string;
  dayParts(date: string, options: Intl.DateTimeFormatOptions): string;
  time(instant: string): string;
  dateTime(instant: string): string;
  instantDate(instant: string): string;
  rate(rateBp: number): string;
  number(value: number): string;
}

const intlCache = createIntlCache();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
  return f;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
const isMoney = (v: object): v is MoneyValue => 'money' in v;
const isDay = (v: object): v is DayValue => 'day' in v;
const isInstant = (v: object): v is InstantValue => 'at' in v;
const isRate = (v: object): v is RateValue => 'rateBp' in v;

export function createTranslator(reader: Reader): Translator {
  const locale = formatLocaleFor(reader.language, reader.clinicLocale);
  let formatFailed = false;
  const timeZone = reader.timeZone;
  const intl = createIntl<string>({
    locale,
    defaultLocale: SOURCE_LANGUAGE,
    messages: CATALOGUES[reader.language] as Record<string, string>,
    timeZone,
    // A catalogue is checked whole by catalogue.test.ts; at run time a message that cannot be
    // formatted (a value missing from a Text that came from a peer) gives its id (below), never
    // half a pattern or a broken screen.
    onError: () => { formatFailed = true; },
  }, intlCache);

  const money = (amountMinor: number, currency: CurrencyCode) => formatMoney(amountMinor, currency, locale);
  const day = (date: string, style: 'short' | 'medium' | 'long' | 'full' = 'medium') => formatLocalDay(date, locale, { dateStyle: style });
  const time = (instant: string) => dateTimeFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  const dateTime = (instant: string) => dateTimeFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
  const instantDate = (instant: string) => dateTimeFormat(locale, timeZone, { dateStyle: 'medium' }).format(new Date(instant));
  const rate = (rateBp: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rateBp / 10_000);

  const plain = (value: TextValue): string | number => {
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (!isRecord(value)) return String(value);
    if (isMoney(value)) return money(value.money, value.currency);
    if (isDay(value)) return day(value.day, value.dayStyle);
    if (isInstant(value)) return value.atStyle === 'time' ? time(value.at) : value.atStyle === 'date' ? instantDate(value.at) : dateTime(value.at);
    if (isRate(value)) return rate(value.rateBp);
    return t(value as Text);
  };

  function t(message: MessageId | Text, values?: Values): string {
    const id = typeof message === 'string' ? message : message.id;
    const given = values ?? (typeof message === 'string' ? undefined : message.values);
    const catalogue = CATALOGUES[reader.language] as Record<string, string>;
    if (!(id in catalogue)) return id;
    // Nothing a Text carries may break a screen: a value Intl cannot format gives the id.
    try {
      const args: Record<string, string | number> = {};
      if (given) for (const [k, v] of Object.entries(given)) args[k] = plain(v);
      formatFailed = false;
      const words = intl.formatMessage({ id }, args);
      return formatFailed ? id : words;
    } catch {
      return id;
    }
  }

  return {
    language: reader.language, locale, timeZone, intl,
    t, money, day, time, dateTime, instantDate, rate,
    dayParts: (date, options) => formatLocalDay(date, locale, options),
    number: (value) => new Intl.NumberFormat(locale).format(value),
  };
}

const english = new Map<string, Translator>();

/**
 * A Text in English with UTC and neutral formats: for logs, error objects and tests — never
 * for a person who has a language (use their Translator).
 */
export function inEnglish(message: MessageId | Text, values?: Values): string {
  let tr = english.get('en');
  if (!tr) english.set('en', (tr = createTranslator({ language: SOURCE_LANGUAGE, clinicLocale: 'en-GB', timeZone: 'UTC' })));
  return tr.t(message, values);
}
