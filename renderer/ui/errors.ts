/** What to show for a failed action: a refusal's own words in the reader's language, or a plain fallback. */
import { textOfError } from '../../shared/i18n/error-text.js';
import type { Translator } from '../../shared/i18n/translator.js';

export function errorText(err: unknown, t: Translator): string {
  return t.t(textOfError(err));
}
