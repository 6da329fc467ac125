import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, LANGUAGES, type Catalogue } from './catalogues/index.js';
import { en } from './catalogues/en.js';
import { checkCatalogue } from './check-catalogue.js';

describe('the catalogues', () => {
  for (const language of LANGUAGES) {
    it(`${language} has every English id, no other, and the same placeholders in each message`, () => {
      expect(checkCatalogue(CATALOGUES[language] as Record<string, string>)).toEqual([]);
    });
  }

  it('refuses a catalogue with a missing id, an extra id, a lost placeholder or a broken message', () => {
    const ids = Object.keys(en) as (keyof typeof en)[];
    const some = ids.find((id) => /\{/.test(en[id]));
    const broken: Record<string, string> = { ...(CATALOGUES.en as Catalogue) };
    delete broken[ids[0]!];
    broken['nowhere.extra'] = 'Extra';
    if (some) broken[some] = 'No placeholders here';
    const problems = checkCatalogue(broken);
    expect(problems).toContain(`missing: ${ids[0]}`);
    expect(problems).toContain('extra: nowhere.extra');
    if (some) expect(problems.some((p) => p.startsWith(`placeholders differ: ${some}`))).toBe(true);
    expect(checkCatalogue({ ...(CATALOGUES.en as Catalogue), [ids[0]!]: 'Unclosed {brace' })).toContainEqual(expect.stringMatching(/^not ICU MessageFormat/));
  });

  it('gives every plural and select an other case', () => {
    const lacking: string[] = [];
    const visit = (id: string, els: MessageFormatElement[]) => {
      for (const el of els) {
        if (el.type === TYPE.plural || el.type === TYPE.select) {
          if (!('other' in el.options)) lacking.push(id);
          for (const o of Object.values(el.options)) visit(id, o.value);
        }
        if (el.type === TYPE.tag) visit(id, el.children);
      }
    };
    for (const language of LANGUAGES) {
      for (const [id, message] of Object.entries(CATALOGUES[language])) visit(`${language}:${id}`, parse(message));
    }
    expect(lacking).toEqual([]);
  });
});
