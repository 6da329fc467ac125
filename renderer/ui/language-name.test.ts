import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.js';
import { languageChoiceName } from './language-name.js';

const en = createTranslator({ language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });

describe('languageChoiceName', () => {
  it('names a chosen language in itself, whoever reads it', () => {
    expect(languageChoiceName('en', 'nb-NO', nb)).toBe('English');
    expect(languageChoiceName('nb', 'en-GB', en)).toBe('Norsk bokmål');
  });

  it("names no choice, or one this desk cannot read, as the clinic's language in the reader's words", () => {
    expect(languageChoiceName('', 'nb-NO', en)).toBe("Norsk bokmål (the clinic's)");
    expect(languageChoiceName(undefined, 'nb-NO', nb)).toBe('Norsk bokmål (klinikkens)');
    expect(languageChoiceName('sv', 'en-NO', nb)).toBe('English (klinikkens)');
  });
});
