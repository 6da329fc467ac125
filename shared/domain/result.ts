/**
 * The outcome of a rule that can refuse. A refusal carries a Text (shared/i18n/text.ts) that each
 * reader's screen puts into their language, an English `message` for logs and error objects,
 * and, where it helps, the form field to fix.
 */
import { text as textOf, type MessageId, type Text, type TextValue } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';

export type Refusal = { ok: false; text: Text; message: string; field?: string };
export type Result<T> = { ok: true; value: T } | Refusal;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function textFor(message: MessageId | Text, values: Readonly<Record<string, TextValue>> | undefined): Text {
  return typeof message === 'string' ? textOf(message, values) : message;
}

/** A refusal in words: an id with its values, or a Text built already. */
export function refuse(message: MessageId | Text, field?: string): Refusal;
export function refuse(message: MessageId, values: Readonly<Record<string, TextValue>>, field?: string): Refusal;
export function refuse(message: MessageId | Text, valuesOrField?: Readonly<Record<string, TextValue>> | string, field?: string): Refusal {
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
  constructor(refusal: { text: Text; field?: string | undefined; message?: string | undefined; ok?: false }) {
    const text = refusal.text;
    super(refusal.message ?? inEnglish(text));
    this.name = 'RefusedError';
    this.field = refusal.field;
    this.text = text;
  }
}
