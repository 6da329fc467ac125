/**
 * "No English word on a Norwegian screen", checked against the catalogues themselves: the words
 * that occur in one language's messages and in none of the other's are that language's marks.
 * A page that shows one of the other language's marks — in its text, a label, a title or a
 * placeholder — has a word that did not go through the catalogue for its reader.
 * Used by e2e specs only.
 */
import { expect, type Page } from '@playwright/test';
import { en } from '../../shared/i18n/catalogues/en.js';
import { nb } from '../../shared/i18n/catalogues/nb.js';

type Language = 'en' | 'nb';

function wordsOf(messages: Readonly<Record<string, string>>): Set<string> {
  const words = new Set<string>();
  // A language's own name ("English", "Norsk bokmål") is shown in itself in every language's picker.
  for (const [id, message] of Object.entries(messages)) {
    if (id === 'language.name') continue;
    // Placeholders and ICU syntax are not words a reader sees.
    const plain = message.replace(/\{[^{}]*\}/g, ' ').replace(/[{}#]/g, ' ');
    for (const w of plain.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []) words.add(w.replace(/['’-]+$/, ''));
  }
  return words;
}

const WORDS: Record<Language, Set<string>> = { en: wordsOf(en), nb: wordsOf(nb) };

/** Words that mark `language`: in its catalogue, in no message of the other, and long enough not to be a name or an abbreviation. */
function marks(language: Language): Set<string> {
  const other = WORDS[language === 'en' ? 'nb' : 'en'];
  return new Set([...WORDS[language]].filter((w) => w.length >= 3 && !other.has(w)));
}

const MARKS: Record<Language, Set<string>> = { en: marks('en'), nb: marks('nb') };

/** What a person can read on the page: its text and the labels, titles and placeholders of its elements. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });
}

/**
 * Fails with the words of `foreign` (and where they stand) that the page shows. `data`: words
 * that are the clinic's or a client's own (names, a service), which no catalogue decides.
 */
export async function expectNoWordsOf(page: Page, foreign: Language, where: string, data: readonly string[] = []): Promise<void> {
  const allowed = new Set(data.flatMap((d) => d.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []));
  const text = await readableText(page);
  const found: string[] = [];
  for (const line of text.split('\n')) {
    for (const w of line.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []) {
      const word = w.replace(/['’-]+$/, '');
      if (MARKS[foreign].has(word) && !allowed.has(word)) found.push(`${word} (in "${line.trim().slice(0, 80)}")`);
    }
  }
  expect([...new Set(found)], `${foreign === 'en' ? 'English' : 'Norwegian'} words on ${where}`).toEqual([]);
}
