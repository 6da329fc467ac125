/**
 * The outcome of a rule that can refuse. A refusal carries a Text (shared/i18n/text.ts) that each
 * reader's screen puts into their language, an English `message` for logs and error objects,
 * and, where it helps, the form field to fix.
 */
import { isMessageId } from '../i18n/catalogues/index.js';
import { text as textOf, type MessageId, type Text, type TextValue } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';

export type Refusal = { ok: false; text: Text; message: string; field?: string };
export type Result<T> = { ok: true; value: T } | Refusal;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * TRANSITION (issue 13): an English sentence not yet in the catalogues. Removed once every
 * refusal is a catalogue id; until then it reads as itself in every language.
 */
export type UntranslatedEnglish = string & { readonly untranslated?: true };

function textFor(message: MessageId | Text | UntranslatedEnglish, values: Readonly<Record<string, TextValue>> | undefined): Text {
  if (typeof message !== 'string') return message;
  return isMessageId(message) ? textOf(message, values) : textOf('error.untranslated', { english: message });
}

/** A refusal in words: an id with its values, or a Text built already. */
export function refuse(message: MessageId | Text | UntranslatedEnglish, field?: string): Refusal;
export function refuse(message: MessageId, values: Readonly<Record<string, TextValue>>, field?: string): Refusal;
export function refuse(message: MessageId | Text | UntranslatedEnglish, valuesOrField?: Readonly<Record<string, TextValue>> | string, field?: string): Refusal {
  const values = typeof valuesOrField === 'object' ? valuesOrField : undefined;
  const at = typeof valuesOrField === 'string' ? valuesOrField : field;
  const text = textFor(message, values);
  const refusal: Refusal = { ok: false, text, message: inEnglish(text) };
  return at === undefined ? refusal : { ...refusal, field: at };
}

/** Thrown by data-layer commands so a refusal crosses async boundaries intact. */
export class RefusedError extends Error {
  readonly field: string | undefined;
  readonly text: Text;
  constructor(refusal: { text?: Text; field?: string | undefined; message?: string | undefined; ok?: false }) {
    const text = refusal.text ?? textFor(refusal.message ?? '', undefined);
    super(refusal.message ?? inEnglish(text));
    this.name = 'RefusedError';
    this.field = refusal.field;
    this.text = text;
  }
}
