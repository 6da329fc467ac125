/**
 * What to tell a person about a failure: a refusal's own Text, or a plain "could not" with the
 * error's English detail (a bug or a lost connection has no catalogue entry).
 * Importable from every runtime.
 */
import { isText, text, type Text } from './text.js';

export function textOfError(err: unknown): Text {
  if (typeof err === 'object' && err !== null && isText((err as { text?: unknown }).text)) return (err as { text: Text }).text;
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return detail ? text('error.withDetail', { detail }) : text('error.unexpected');
}
