/**
 * What a transport says happened to one message, as a Text (docs/decisions/0033-languages.md):
 * our words from the catalogue, with the server's or provider's own words (a reply, an error
 * code, a host) as its values, so each reader can read it in their language. The records it
 * goes into (a message's `detail`, a request's `problem`) keep it in English for now.
 * Node-only; imported by this folder and main's scheduler.
 */
import { isText, text, type Text, type TextValue } from '../../../shared/i18n/text.js';
import { inEnglish } from '../../../shared/i18n/translator.js';
import { redactSecrets } from './redact.js';

/**
 * A transport's detail. TRANSITION (issue 13): a plain string (a test transport's) reads as
 * itself; every transport in this folder gives a Text.
 */
export type OutcomeDetail = Text | string;

export function detailText(detail: OutcomeDetail): Text {
  return isText(detail) ? detail : text('msg.detail.verbatim', { detail });
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
