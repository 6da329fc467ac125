/**
 * Small helpers for words the renderer shows (docs/decisions/0033-languages.md): a peer's answer
 * as a Text for the reader's Translator, and a sentence with an
 * element in it (a <code>, a <strong>), whose words stay one message. Renderer-only.
 */
import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { parseStoredText } from '../../shared/i18n/stored-text.js';
import { peersEnglish, type Text } from '../../shared/i18n/text.js';

/**
 * An answer's own Text when it carries one this code can read (a server's refusal or error, a
 * pulled document's rejection), checked as any input from a peer is; else its English message.
 */
export function answerText(answer: { readonly message: string }): Text {
  const own = (answer as { readonly text?: unknown }).text;
  let checked: Text | null = null;
  if (own !== undefined && own !== null) {
    try { checked = parseStoredText(JSON.stringify(own)); } catch { checked = null; }
  }
  // Only a server from before languages sends no Text: its English is all there is. The
  // message too comes from a peer, so only a string is words.
  return checked ?? peersEnglish(typeof answer.message === 'string' ? answer.message : '');
}

/** Marks where an element goes in a message: pass it as the placeholder's value. */
export const slot = (name: string): string => `\uE000${name}\uE001`;

const SLOTS = /\uE000(\w+)\uE001/g;

/** A translated sentence with the elements put where its slots are, e.g. `<code>` around an address. */
export function withSlots(sentence: string, elements: Readonly<Record<string, ReactElement>>): ReactNode[] {
  const out: ReactNode[] = [];
  let from = 0;
  for (const m of sentence.matchAll(SLOTS)) {
    out.push(sentence.slice(from, m.index));
    const element = elements[m[1]!];
    out.push(element ? cloneElement(element, { key: `${m[1]}-${m.index}` }) : '');
    from = m.index + m[0].length;
  }
  out.push(sentence.slice(from));
  return out.filter((part) => part !== '');
}
