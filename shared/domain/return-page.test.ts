import { describe, expect, it } from 'vitest';
import { returnPageRefusal } from './return-page.js';
import { inEnglish } from '../i18n/translator.js';

/** The refusal's English words, or null: what the rule says to an English reader. */
const returnPageProblem = (typed: string) => { const r = returnPageRefusal(typed); return r ? inEnglish(r) : null; };

describe('the page after paying', () => {
  it('takes a public https address', () => {
    for (const ok of ['https://www.fjordside.no/takk', 'https://fjordside.no', 'https://clinic.example.co.uk/paid?from=stripe']) expect(returnPageProblem(ok)).toBeNull();
  });

  it('refuses what the client\'s phone cannot reach, or anything but https', () => {
    const refused = [
      '', 'not a url', 'http://www.fjordside.no/takk', 'https://127.0.0.1:4319/thanks', 'https://localhost/thanks', 'https://[::1]/x',
      'https://192.168.1.20/takk', 'https://10.0.0.5/', 'https://172.20.1.1/', 'https://169.254.1.1/', 'https://clinic-pc/takk',
      'https://desk.local/takk', 'https://user:pw@fjordside.no/', 'ftp://fjordside.no/', `https://fjordside.no/${'x'.repeat(300)}`,
    ];
    for (const bad of refused) expect(returnPageProblem(bad), bad).not.toBeNull();
    expect(returnPageProblem('https://127.0.0.1:4319/thanks')).toMatch(/only works on this computer/);
  });
});
