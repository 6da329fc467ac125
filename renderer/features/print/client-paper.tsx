/**
 * The papers a client receives (invoice, receipt, statement) read in the client's language —
 * their own choice, else the clinic's — in the clinic's formats (docs/decisions/0033-languages.md),
 * whoever prints them; the day sheet and the print toolbar stay in the screen's language. Also
 * the clinic's name at the top of a paper. Imported by features/print only.
 */
import { useMemo, type ReactNode } from 'react';
import { useSettings } from '../../app/desk-context.js';
import { ReaderLanguage, useT } from '../../app/language.js';
import { readerLanguage } from '../../../shared/i18n/locale.js';
import { createTranslator, type Translator } from '../../../shared/i18n/translator.js';

type Reader = { readonly language?: string } | null | undefined;

/** The Translator of a paper for `client` (for its PDF name; the paper itself is inside ClientPaper). */
export function useClientTranslator(client: Reader): Translator {
  const { locale, timeZone } = useSettings();
  const language = readerLanguage(client?.language, locale);
  return useMemo(() => createTranslator({ language, clinicLocale: locale, timeZone }), [language, locale, timeZone]);
}

/** Its children in the client's language; `header`: the clinic's name on top (not on an invoice, which names its seller). */
export function ClientPaper({ client, header = false, children }: { client: Reader; header?: boolean; children: ReactNode }) {
  const { locale, timeZone } = useSettings();
  return (
    <ReaderLanguage choice={client?.language} clinicLocale={locale} timeZone={timeZone}>
      {header && <PrintClinicHeader />}
      {children}
    </ReaderLanguage>
  );
}

/** The clinic's name, address and organisation number at the top of a paper, in the words around it. */
export function PrintClinicHeader() {
  const settings = useSettings();
  const { t } = useT();
  return (
    <header className="print-clinic">
      <p className="print-clinic__name">{settings.clinicName}</p>
      {settings.address && <p>{settings.address}</p>}
      {settings.organisationNumber && <p>{t('print.orgNo', { number: settings.organisationNumber })}</p>}
    </header>
  );
}
