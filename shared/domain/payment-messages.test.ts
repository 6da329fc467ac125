import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clinicPaymentNotice, emailSubject, messageTranslator, paymentEmail, paymentSms, QR_CONTENT_ID, type PaymentMessageFacts } from './payment-messages.js';
import { smsSize } from './sms-segments.js';
import { messageCostMinor, summarizeCosts } from './message-costs.js';
import { DEFAULT_DUNNING, payByDate } from './dunning.js';
import { FINAL_NOTICE_MIN_DAYS } from './debt-law.js';
import { addDays } from './time.js';
import type { Reader } from '../i18n/translator.js';

const EN: Reader = { language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' };
const NB: Reader = { language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' };
const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amountMinor: 45_000, currency: 'NOK', dueDate: '2026-12-05',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon', reader: EN,
};
/** Intl's no-break spaces as plain ones, to compare with typed text. */
const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('payment messages', () => {
  it('has the subject, the amount, a Pay now button and the QR code in the email, and the same in plain text', () => {
    const email = paymentEmail(FACTS);
    expect(email.subject).toBe('Payment request from Fjordside Fysio');
    expect(email.text).toContain('Here is the payment link for invoice 12 from Fjordside Fysio.');
    expect(email.text).toContain('Pay now: https://pay.example/p/abc123');
    expect(spaced(email.text)).toContain('Amount to pay: 450,00 kr by 5 Dec 2026.');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('>Pay now</a>');
    expect(email.html).toContain(`src="cid:${QR_CONTENT_ID}"`);
    expect(email.text).toMatch(/Rita Resepsjon\nFjordside Fysio$/);
  });

  it('escapes what it puts into HTML', () => {
    const email = paymentEmail({ ...FACTS, clinicName: 'A&B <Clinic>', clientFirstName: '"Ola"' });
    expect(email.html).toContain('A&amp;B &lt;Clinic&gt;');
    expect(email.html).not.toContain('<Clinic>');
    expect(email.html).toContain('&quot;Ola&quot;');
  });

  it('fits the standard SMS into one GSM-7 segment when the clinic name allows', () => {
    const sms = paymentSms(FACTS);
    expect(sms).toBe('Fjordside Fysio: Hi Ingrid, please pay 450,00 kr (invoice 12) by 5 Dec 2026: https://pay.example/p/abc123');
    expect(smsSize(sms)).toEqual({ encoding: 'gsm7', units: sms.length, segments: 1 });
  });

  it('shortens the SMS to stay in one segment, whatever the names, while the shortest form can', () => {
    const amount = spaced(messageTranslator(EN).money(FACTS.amountMinor, FACTS.currency));
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 30 }), (clinicName, clientFirstName) => {
      const facts = { ...FACTS, clinicName, clientFirstName };
      const sms = paymentSms(facts);
      expect(sms).toContain(facts.link);
      expect(sms).toContain(amount);
      const shortest = `${spaced(clinicName)}: Please pay ${amount}: ${facts.link}`;
      if (smsSize(shortest).segments === 1) expect(smsSize(sms).segments).toBe(1);
    }));
  });

  it("keeps Intl's no-break spaces out of the SMS, so it stays GSM-7", () => {
    // Intl writes "450,00\u00a0kr"; the SMS must not carry it.
    expect(messageTranslator(NB).money(45_000, 'NOK')).toMatch(/\u00a0/);
    for (const reader of [EN, NB]) {
      const sms = paymentSms({ ...FACTS, reader });
      expect(sms).not.toMatch(/[\u00a0\u202f\u2009]/);
      expect(smsSize(sms).encoding).toBe('gsm7');
    }
  });

  it('names no invoice number while it is pending, and words reminders differently', () => {
    expect(paymentSms({ ...FACTS, invoiceNumber: 0 })).not.toMatch(/invoice/);
    expect(paymentEmail({ ...FACTS, invoiceNumber: 0 }).text).toContain('Here is the payment link for your invoice from Fjordside Fysio.');
    expect(paymentEmail({ ...FACTS, kind: 'reminder' }).subject).toBe('Payment reminder from Fjordside Fysio');
    expect(paymentEmail({ ...FACTS, kind: 'reminder' }).text).toContain('This is a reminder that invoice 12 from Fjordside Fysio is not yet paid.');
    expect(paymentEmail({ ...FACTS, kind: 'final_notice' }).text).toMatch(/debt collection/);
    expect(paymentEmail({ ...FACTS, kind: 'final_notice' }).text).toContain('Final notice: invoice 12 from Fjordside Fysio is still unpaid. If it is not paid by 5 Dec 2026, it will be sent to debt collection.');
    expect(paymentSms({ ...FACTS, kind: 'reminder' })).toMatch(/^Fjordside Fysio: Hi Ingrid, reminder: please pay /);
  });

  it('states a reminder fee where one is charged', () => {
    const email = paymentEmail({ ...FACTS, kind: 'reminder', amountMinor: 52_000, feeMinor: 7_000 });
    expect(spaced(email.text)).toContain('Amount to pay: 520,00 kr by 5 Dec 2026.\nThis includes a reminder fee of 70,00 kr.');
    expect(spaced(paymentSms({ ...FACTS, kind: 'reminder', amountMinor: 52_000, feeMinor: 7_000 }))).toContain('please pay 520,00 kr incl. 70,00 kr reminder fee (invoice 12)');
    expect(paymentEmail(FACTS).text).not.toMatch(/fee/);
  });
});

describe('payment messages in bokmål', () => {
  const nb: PaymentMessageFacts = { ...FACTS, reader: NB };

  it('writes the email in bokmål, with the amount and date in Norwegian formats and lang="nb"', () => {
    const email = paymentEmail(nb);
    expect(email.subject).toBe('Betalingslenke fra Fjordside Fysio');
    expect(email.text).toMatch(/^Hei Ingrid,\n\nHer er betalingslenken for faktura 12 fra Fjordside Fysio\.\n/);
    expect(spaced(email.text)).toContain('Beløp å betale: 450,00 kr innen 5. des. 2026.');
    expect(email.text).toContain('Betal nå: https://pay.example/p/abc123');
    expect(email.text).toMatch(/Vennlig hilsen\nRita Resepsjon\nFjordside Fysio$/);
    expect(email.html).toContain('<html lang="nb">');
    expect(email.html).toContain('>Betal nå</a>');
    expect(email.html).toContain('alt="QR-kode med betalingslenken"');
    expect(email.text + email.html).not.toMatch(/Pay now|Amount to pay|Kind regards/);
  });

  it('calls a reminder without a fee a betalingspåminnelse, and one with a fee a purring that states the purregebyr', () => {
    const sentOn = '2026-04-06';
    const dueDate = payByDate('second_reminder', '2026-03-16', sentOn, DEFAULT_DUNNING) as string;
    expect(emailSubject({ ...nb, kind: 'reminder' })).toBe('Betalingspåminnelse fra Fjordside Fysio');
    const email = paymentEmail({ ...nb, kind: 'reminder', amountMinor: 82_000, feeMinor: 7_000, dueDate });
    expect(email.subject).toBe('Purring fra Fjordside Fysio');
    expect(email.text).toContain('Vi minner om at faktura 12 fra Fjordside Fysio ikke er betalt ennå.');
    // The amount (the fee included), the day to pay by, and the fee itself.
    expect(spaced(email.text)).toContain('Beløp å betale: 820,00 kr innen 19. apr. 2026.');
    expect(spaced(email.text)).toContain('Beløpet inkluderer et purregebyr på 70,00 kr.');
    expect(spaced(email.html)).toContain('Beløpet inkluderer et purregebyr på 70,00 kr.');
    expect(dueDate > sentOn).toBe(true);
  });

  it('gives the inkassovarsel the amount, a deadline at least 14 days after it is sent, that inkasso follows, and the fee', () => {
    const sentOn = '2026-04-20';
    const dueDate = payByDate('final_notice', '2026-03-16', sentOn, DEFAULT_DUNNING) as string;
    expect(dueDate >= addDays(sentOn, FINAL_NOTICE_MIN_DAYS.value)).toBe(true);
    expect(FINAL_NOTICE_MIN_DAYS.value).toBeGreaterThanOrEqual(14);
    const email = paymentEmail({ ...nb, kind: 'final_notice', amountMinor: 89_000, feeMinor: 7_000, dueDate });
    expect(email.subject).toBe('Inkassovarsel fra Fjordside Fysio');
    const text = spaced(email.text);
    expect(text).toContain('Inkassovarsel: Faktura 12 fra Fjordside Fysio er fortsatt ikke betalt. Hvis beløpet ikke er betalt innen 4. mai 2026, sendes kravet til inkasso.');
    expect(text).toContain('Beløp å betale: 890,00 kr innen 4. mai 2026.');
    expect(text).toContain('Beløpet inkluderer et purregebyr på 70,00 kr.');
    const sms = spaced(paymentSms({ ...nb, kind: 'final_notice', amountMinor: 89_000, feeMinor: 7_000, dueDate }));
    // The full wording needs a second segment here; the short one still keeps the deadline and what follows.
    expect(sms).toBe('Fjordside Fysio: Inkassovarsel: betal 890,00 kr inkl. purregebyr 70,00 kr innen 4. mai 2026, ellers sendes kravet til inkasso: https://pay.example/p/abc123');
    // However long the link, no wording drops the deadline or the warning.
    const long = spaced(paymentSms({ ...nb, kind: 'final_notice', amountMinor: 89_000, feeMinor: 7_000, dueDate, link: `https://checkout.stripe.com/c/pay/cs_test_${'a'.repeat(120)}` }));
    expect(long).toContain('innen 4. mai 2026, ellers sendes kravet til inkasso');
  });

  it('keeps a Norwegian SMS with æ, ø and å in GSM-7 and one segment', () => {
    const sms = paymentSms({ ...nb, clinicName: 'Fysio på Ærøy', clientFirstName: 'Bjørn Åge', kind: 'reminder' });
    expect(spaced(sms)).toBe('Fysio på Ærøy: Hei Bjørn Åge, påminnelse: vennligst betal 450,00 kr (faktura 12) innen 5. des. 2026: https://pay.example/p/abc123');
    expect(smsSize(sms)).toEqual({ encoding: 'gsm7', units: sms.length, segments: 1 });
  });

  it('picks a shorter wording when a curly quote, an en dash or an emoji in a name makes the SMS UCS-2 (70 a segment)', () => {
    for (const reader of [NB, EN]) {
      for (const clientFirstName of ['Inga “Ingrid”', 'Anne–Marie', 'Ola 🙂']) {
        const sms = paymentSms({ ...FACTS, reader, clientFirstName });
        // The full wording (with the name) is UCS-2 and too long for one segment of 70…
        expect(sms).not.toContain(clientFirstName);
        // …so a shorter one without the name goes, in GSM-7 and one segment.
        expect(smsSize(sms)).toMatchObject({ encoding: 'gsm7', segments: 1 });
        expect(sms).toContain('https://pay.example/p/abc123');
      }
      // A clinic name outside GSM-7 is in every wording: the SMS is UCS-2, and the one that fits 70 goes.
      const ucs = paymentSms({ ...FACTS, reader, clinicName: 'Fysio 🙂' });
      expect(smsSize(ucs)).toMatchObject({ encoding: 'ucs2', segments: 1 });
      expect(ucs.length).toBeLessThanOrEqual(70);
      expect(ucs).not.toMatch(/Ingrid|\(/);
    }
  });

  it('writes the clinic its note in its own language, naming no treatment', () => {
    const en = clinicPaymentNotice({ clinicName: 'Fjordside Fysio', clientName: 'Ingrid Berg', invoiceNumber: 12, amountMinor: 30_000, currency: 'NOK' }, messageTranslator(EN));
    expect(spaced(en.subject)).toBe('Paid by link: 300,00 kr, invoice 12');
    expect(spaced(en.text)).toBe('Ingrid Berg paid 300,00 kr for invoice 12 by payment link.\n\nFjordside Fysio');
    const nbNotice = clinicPaymentNotice({ clinicName: 'Fjordside Fysio', clientName: 'Ingrid Berg', invoiceNumber: 0, amountMinor: 30_000, currency: 'NOK' }, messageTranslator(NB));
    expect(spaced(nbNotice.subject)).toBe('Betalt med lenke: 300,00 kr');
    expect(spaced(nbNotice.text)).toBe('Ingrid Berg har betalt 300,00 kr for en faktura (nummeret kommer) med betalingslenke.\n\nFjordside Fysio');
  });
});

describe('SMS segments', () => {
  it('counts GSM-7, its two-place extension characters, and UCS-2', () => {
    expect(smsSize('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(smsSize('a'.repeat(161))).toMatchObject({ segments: 2 });
    expect(smsSize('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSize('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(smsSize('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('Ærlig talt, Øyvind på Åsane')).toMatchObject({ encoding: 'gsm7' });
    expect(smsSize('Hei 🙂')).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsSize('ő'.repeat(71))).toMatchObject({ encoding: 'ucs2', segments: 2 });
  });
});

describe('message costs', () => {
  it('costs an email one price and an SMS one price per segment; VAT once on the total', () => {
    const prices = { emailMinor: 2, smsSegmentMinor: 5 };
    expect(messageCostMinor('email', 1, prices)).toBe(2);
    expect(messageCostMinor('sms', 2, prices)).toBe(10);
    const summary = summarizeCosts([
      { channel: 'email', costMinor: 2, outcome: 'sent' },
      { channel: 'sms', costMinor: 5, outcome: 'sent' },
      { channel: 'sms', costMinor: 5, outcome: 'failed' },
    ], 2500);
    expect(summary).toEqual({ emails: 1, sms: 1, netMinor: 7, vatMinor: 2, totalMinor: 9 });
  });
});
