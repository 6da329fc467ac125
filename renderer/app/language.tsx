/**
 * The screen's language (docs/decisions/0033-languages.md): before setup, the machine's; then the
 * clinic's; once someone signs in, theirs. Each layer wraps the screens below it, so switching a
 * staff member's language re-renders the desk at once, without a restart. Screens read words and
 * formats through `useT()` only.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { machineLanguage, readerLanguage, LOCALE_FOR_COUNTRY } from '../../shared/i18n/locale.js';
import { createTranslator, type Translator } from '../../shared/i18n/translator.js';
import type { Language } from '../../shared/i18n/catalogues/index.js';

function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Before a clinic exists: the machine's language, and a locale for the machine's region. */
function machineReader(): { language: Language; clinicLocale: string; timeZone: string } {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  const language = machineLanguage(preferred);
  let region: string | undefined;
  try { region = new Intl.Locale(preferred[0] ?? 'en').maximize().region; } catch { region = undefined; }
  return { language, clinicLocale: (region && LOCALE_FOR_COUNTRY[region]) || preferred[0] || 'en-GB', timeZone: machineTimeZone() };
}

const fallback = createTranslator({ language: 'en', clinicLocale: 'en-GB', timeZone: 'UTC' });
const TranslatorContext = createContext<Translator>(fallback);

export function useT(): Translator {
  return useContext(TranslatorContext);
}

export function MachineLanguage({ children }: { children: ReactNode }) {
  const translator = useMemo(() => createTranslator(machineReader()), []);
  return <Layer translator={translator}>{children}</Layer>;
}

/** The clinic's language and formats, or a person's chosen language in the clinic's formats. */
export function ReaderLanguage({ choice, clinicLocale, timeZone, children }: { choice?: string; clinicLocale: string; timeZone: string; children: ReactNode }) {
  const language = readerLanguage(choice, clinicLocale);
  const translator = useMemo(() => createTranslator({ language, clinicLocale, timeZone }), [language, clinicLocale, timeZone]);
  return <Layer translator={translator}>{children}</Layer>;
}

const DepthContext = createContext(0);
const languageAtDepth = new Map<number, Language>();

/**
 * The page's `lang`, for screen readers and spelling: the innermost layer's language. Effects run
 * children first, so each layer writes its depth and the deepest mounted one wins.
 */
function PageLanguage({ language }: { language: Language }) {
  const depth = useContext(DepthContext);
  useEffect(() => {
    languageAtDepth.set(depth, language);
    const show = () => { document.documentElement.lang = languageAtDepth.get(Math.max(...languageAtDepth.keys())) ?? language; };
    show();
    return () => { languageAtDepth.delete(depth); if (languageAtDepth.size) show(); };
  }, [depth, language]);
  return null;
}

function Layer({ translator, children }: { translator: Translator; children: ReactNode }) {
  const depth = useContext(DepthContext) + 1;
  return (
    <DepthContext.Provider value={depth}>
      <TranslatorContext.Provider value={translator}><PageLanguage language={translator.language} />{children}</TranslatorContext.Provider>
    </DepthContext.Provider>
  );
}
