/**
 * A language choice as a record shows it (docs/decisions/0033-languages.md): a catalogue's
 * language named in itself ("Norsk bokmål"), as LanguageSelect lists it; '' as the clinic's
 * ("English (the clinic's)"). A code this desk has no catalogue for reads in the clinic's
 * language too (shared/i18n/locale.ts), so it is shown as that.
 */
import { CATALOGUES, isLanguage } from '../../shared/i18n/catalogues/index.js';
import { languageOfLocale } from '../../shared/i18n/locale.js';
import type { Translator } from '../../shared/i18n/translator.js';

export function languageChoiceName(choice: string | undefined, clinicLocale: string, { t }: Pick<Translator, 't'>): string {
  if (isLanguage(choice)) return CATALOGUES[choice]['language.name'];
  return t('field.language.clinics', { language: CATALOGUES[languageOfLocale(clinicLocale)]['language.name'] });
}
