/**
 * What a transport says happened to one message, as a Text (docs/decisions/0033-languages.md):
 * our words from the catalogue, with the server's or provider's own words (a reply, an error
 * code, a host) as its values, so each reader can read it in their language. A request's
 * problem and the log keep the Text; a message's `detail` is the send's technical record and
 * keeps its English (docs/decisions/0033-languages.md).
 * Node-only; imported by this folder and main's scheduler.
 */
import { isText, type Text, type TextValue } from '../../../shared/i18n/text.js';
import { inEnglish } from '../../../shared/i18n/translator.js';
import { redactSecrets } from './redact.js';

/** A transport's detail: always a Text, whatever the transport. */
export type OutcomeDetail = Text;

export function detailText(detail: OutcomeDetail): Text {
  return detail;
}

/** The English of a detail: for the records and logs that hold English (a message's `detail`). */
export function detailInEnglish(detail: OutcomeDetail): string {
  return inEnglish(detailText(detail));
}

/** The detail with every secret removed from the words it repeats (docs/design.md invariant 6): each string value, at every depth. */
export function redactDetail(detail: OutcomeDetail, secrets: readonly string[]): Text {
  const t = detailText(detail);
  if (!t.values) return t;
  const values: Record<string, TextValue> = {};
  for (const [k, v] of Object.entries(t.values)) {
    values[k] = typeof v === 'string' ? redactSecrets(v, secrets) : isText(v) ? redactDetail(v, secrets) : v;
  }
  return { id: t.id, values };
}
