/**
 * A whole sentence from the catalogue with one value in bold ("Change due: **50,00 kr**"): the
 * words stay one message, so the value can move where a language puts it. For screens.
 */
import type { ReactNode } from 'react';
import type { MessageId } from '../../shared/i18n/catalogues/index.js';
import type { Values } from '../../shared/i18n/translator.js';
import { useT } from '../app/language.js';

/** A private-use character no message contains: where the bold value goes. */
const SLOT = '\uE000';

/** `name`: the placeholder shown in bold; `testId`: the bold part's data-testid. */
export function StrongIn({ id, name, value, values, testId }: { id: MessageId; name: string; value: ReactNode; values?: Values; testId?: string }) {
  const { t } = useT();
  const [before = '', ...after] = t(id, { ...values, [name]: SLOT }).split(SLOT);
  return <>{before}<strong data-testid={testId}>{value}</strong>{after.join('')}</>;
}
