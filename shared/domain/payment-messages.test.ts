import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paymentEmail, paymentSms, QR_CONTENT_ID, type PaymentMessageFacts } from './payment-messages.js';
import { smsSize } from './sms-segments.js';
import { messageCostMinor, summarizeCosts } from './message-costs.js';

const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amount: '450,00 kr', dueDate: '5. des. 2026',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon',
};

describe('payment messages', () => {
  it('has the subject, the amount, a Pay now button and the QR code in the email, and the same in plain text', () => {
    const email = paymentEmail(FACTS);
    expect(email.subject).toBe('Payment request from Fjordside Fysio');
    expect(email.text).toContain('Pay now: https://pay.example/p/abc123');
    expect(email.text).toContain('Amount to pay: 450,00 kr by 5. des. 2026.');
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
    expect(sms).toBe('Fjordside Fysio: Hi Ingrid, please pay 450,00 kr (invoice 12) by 5. des. 2026: https://pay.example/p/abc123');
    expect(smsSize(sms)).toEqual({ encoding: 'gsm7', units: sms.length, segments: 1 });
  });

  it('shortens the SMS to stay in one segment, whatever the names, while the shortest form can', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 30 }), (clinicName, clientFirstName) => {
      const facts = { ...FACTS, clinicName, clientFirstName };
      const sms = paymentSms(facts);
      expect(sms).toContain(facts.link);
      expect(sms).toContain(facts.amount);
      const shortest = `${clinicName}: Please pay ${facts.amount}: ${facts.link}`;
      if (smsSize(shortest).segments === 1) expect(smsSize(sms).segments).toBe(1);
    }));
  });

  it("keeps Intl's no-break spaces out of the SMS, so it stays GSM-7", () => {
    const sms = paymentSms({ ...FACTS, amount: '450,00\u00a0kr', dueDate: '5.\u202fdes. 2026' });
    expect(smsSize(sms).encoding).toBe('gsm7');
  });

  it('names no invoice number while it is pending, and words reminders differently', () => {
    expect(paymentSms({ ...FACTS, invoiceNumber: 0 })).not.toMatch(/invoice/);
    expect(paymentEmail({ ...FACTS, kind: 'reminder' }).subject).toBe('Payment reminder from Fjordside Fysio');
    expect(paymentEmail({ ...FACTS, kind: 'final_notice' }).text).toMatch(/debt collection/);
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
