import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone-number.js';
import { inEnglish } from '../../../shared/i18n/translator.js';

describe('normalisePhone', () => {
  it('gives an 8-digit national number the clinic\'s country code, whatever the spacing', () => {
    expect(normalisePhone('412 34 567')).toEqual({ ok: true, e164: '+4741234567' });
    expect(normalisePhone('412-34-567')).toEqual({ ok: true, e164: '+4741234567' });
    expect(normalisePhone('41234567', '+46')).toEqual({ ok: true, e164: '+4641234567' });
  });

  it('keeps international numbers, written with + or 00', () => {
    expect(normalisePhone('+47 412 34 567')).toEqual({ ok: true, e164: '+4741234567' });
    expect(normalisePhone('(+47) 412 34 567')).toEqual({ ok: true, e164: '+4741234567' });
    expect(normalisePhone('0046 70 123 45 67')).toEqual({ ok: true, e164: '+46701234567' });
  });

  it('refuses what is not obviously a number, instead of guessing', () => {
    expect(normalisePhone('')).toMatchObject({ ok: false, reason: { id: 'sms.detail.noMobile' } });
    const refused = normalisePhone('');
    expect(refused.ok === false && inEnglish(refused.reason)).toBe('The client has no mobile number.');
    expect(normalisePhone('070 123 45 67')).toMatchObject({ ok: false });
    expect(normalisePhone('1234')).toMatchObject({ ok: false });
    expect(normalisePhone('+47 412 34 567 ext 2')).toMatchObject({ ok: false });
    expect(normalisePhone('+1234567890123456')).toMatchObject({ ok: false });
  });
});
