/**
 * The languages the app speaks: one catalogue file each, English the source. Adding a language
 * (Swedish, Danish, German…) is a new catalogue file listed here; the typecheck then names every
 * message it still lacks, and catalogue.test.ts every placeholder it gets wrong
 * (docs/decisions/0033-languages.md). Importable from every runtime.
 */
import { en } from './en.js';
import { nb } from './nb.js';

/** Every message id, from the English catalogue: a misspelt id fails the typecheck. */
export type MessageId = keyof typeof en;

/** A language's catalogue: every id, and no other. */
export type Catalogue = Readonly<Record<MessageId, string>>;

export const CATALOGUES = { en, nb } as const satisfies Readonly<Record<string, Catalogue>>;

export type Language = keyof typeof CATALOGUES;

export const LANGUAGES = Object.keys(CATALOGUES) as Language[];

/** The language a message falls back to when a catalogue cannot be used. */
export const SOURCE_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUES, value);
}

export function isMessageId(value: string): value is MessageId {
  return Object.prototype.hasOwnProperty.call(en, value);
}
