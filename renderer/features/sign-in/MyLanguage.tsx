/**
 * The signed-in staff member's own screen language, beside their name: the desk re-renders in it
 * at once, and their other desks follow through sync (docs/decisions/0033-languages.md).
 */
import { useId, useState } from 'react';
import { chooseOwnLanguage } from '../../../shared/db/language-commands.js';
import { useDesk, useSettings } from '../../app/desk-context.js';
import { useDeskActor } from '../../app/use-desk-actor.js';
import { useT } from '../../app/language.js';
import { useSession } from '../../app/session.js';
import { errorText } from '../../ui/errors.js';
import { LanguageSelect } from '../../ui/LanguageSelect.js';

export function MyLanguage() {
  const { db } = useDesk();
  const settings = useSettings();
  const { staff } = useSession();
  const actor = useDeskActor();
  const translator = useT();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="my-language">
      <label htmlFor={id}>{translator.t('field.language.mine')}</label>
      <LanguageSelect
        id={id}
        value={staff.language ?? ''}
        clinicLocale={settings.locale}
        onChange={(language) => {
          setError(null);
          chooseOwnLanguage(db, language, actor).catch((err: unknown) => setError(errorText(err, translator)));
        }}
      />
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
