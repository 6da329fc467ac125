/**
 * Who reads which language, and in which formats (docs/decisions/0033-languages.md):
 * - the clinic has a locale (`nb-NO`): its language is the default for staff and clients, its
 *   region decides formats (date order, 24-hour times, the week's first day, the decimal mark);
 * - a staff member or client may choose another language: the words change, the region stays
 *   (an English receptionist in Oslo reads `en-NO`: English words, Norwegian formats).
 * Importable from every runtime.
 */
import { isLanguage, SOURCE_LANGUAGE, type Language } from './catalogues/index.js';

/** The clinic's language: its locale's language where we have a catalogue for it. */
export function languageOfLocale(locale: string): Language {
  const language = safeLocale(locale)?.language;
  if (isLanguage(language)) return language;
  // Norwegian in general, and nynorsk, read bokmål better than English.
  if (language === 'no' || language === 'nn') return 'nb';
  return SOURCE_LANGUAGE;
}

/** The region (`NO`) of a locale, or null when it names none. */
export function regionOfLocale(locale: string): string | null {
  return safeLocale(locale)?.region ?? null;
}

/** A person's own choice ('' = the clinic's), read against the clinic's locale. */
export function readerLanguage(choice: string | undefined, clinicLocale: string): Language {
  return isLanguage(choice) ? choice : languageOfLocale(clinicLocale);
}

const supported = new Map<string, boolean>();

/** True when this runtime's ICU has real data for exactly this locale, not a fallback to its language. */
function hasLocaleData(tag: string): boolean {
  let known = supported.get(tag);
  if (known === undefined) {
    try {
      // ICU resolves a locale to its shortest form ('nb-NO' → 'nb'), and one it lacks to its language ('en-XX' → 'en').
      const resolved = new Intl.DateTimeFormat(tag).resolvedOptions().locale;
      known = resolved === tag || resolved === new Intl.Locale(tag).minimize().toString();
    } catch {
      known = false;
    }
    supported.set(tag, known);
  }
  return known;
}

/**
 * The locale formats are written in for `language` in the clinic's region: `en-NO` where this
 * runtime's ICU knows it; otherwise the language's European or own default, with the region's
 * hour cycle added, so an English screen in Oslo never shows a 12-hour clock or a US date order
 * in a runtime (such as a trimmed Chromium) that lacks `en-NO`.
 */
export function formatLocaleFor(language: Language, clinicLocale: string): string {
  const region = regionOfLocale(clinicLocale);
  if (safeLocale(clinicLocale)?.language === language && hasLocaleData(clinicLocale)) return clinicLocale;
  if (region) {
    const exact = `${language}-${region}`;
    if (hasLocaleData(exact)) return exact;
  }
  const hourCycle = clinicHourCycle(clinicLocale);
  const fallback = language === 'en' && region !== 'US' ? 'en-GB' : language;
  return hourCycle ? `${fallback}-u-hc-${hourCycle}` : fallback;
}

function clinicHourCycle(locale: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle ?? null;
  } catch {
    return null;
  }
}

/** The machine's language before a clinic exists (setup, first start): from the OS's preferences. */
export function machineLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const language = safeLocale(tag)?.language;
    if (isLanguage(language)) return language;
    if (language === 'no' || language === 'nn') return 'nb';
  }
  return SOURCE_LANGUAGE;
}

/** The locale a new clinic gets for a country; its language is the clinic's default. */
export const LOCALE_FOR_COUNTRY: Readonly<Record<string, string>> = {
  NO: 'nb-NO', GB: 'en-GB', IE: 'en-IE', US: 'en-US', SE: 'sv-SE', DK: 'da-DK', DE: 'de-DE', NL: 'nl-NL', FI: 'fi-FI',
};

/**
 * A new clinic's locale from its country and the language it works in ('' = the country's own):
 * Norway in bokmål is `nb-NO`, Norway in English `en-NO` (English words, Norwegian formats).
 */
export function clinicLocaleFor(country: string, language: Language | ''): string {
  const own = LOCALE_FOR_COUNTRY[country] ?? 'en-GB';
  if (language === '' || languageOfLocale(own) === language) return own;
  const region = regionOfLocale(own);
  return region ? `${language}-${region}` : language;
}

function safeLocale(tag: string): Intl.Locale | null {
  try {
    return new Intl.Locale(tag);
  } catch {
    return null;
  }
}

/** 1 = Monday … 7 = Sunday: the first day of the clinic's week. */
export function firstDayOfWeek(locale: string): number {
  const l = safeLocale(locale) as (Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } }) | null;
  const info = l?.getWeekInfo?.() ?? l?.weekInfo;
  return info?.firstDay ?? 1;
}
