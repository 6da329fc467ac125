/**
 * The outbox folder: what the outbox transports write and what the outbox screen reads.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { PaymentMessageFacts } from '../../../shared/domain/payment-messages.js';
import { createEmailTransport } from './email-transport.js';
import { createSmsTransport } from './sms-transport.js';
import { listOutbox, readOutboxItem } from './outbox.js';
import { detailInEnglish } from './outcome-detail.js';

const FACTS: PaymentMessageFacts = {
  clinicName: 'Fjordside Fysio', clientFirstName: 'Ingrid', invoiceNumber: 12, amountMinor: 45_000, currency: 'NOK', dueDate: '2026-12-05',
  link: 'https://pay.example/p/abc123', senderName: 'Rita Resepsjon', reader: { language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' },
};

let dir: string;
beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'frontdesk-outbox-')); });
afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

const email = () => createEmailTransport({ kind: 'outbox', dir, fromAddress: 'post@fjordside.example' });

describe('the outbox', () => {
  it('writes one .eml per email: the raw message, with the QR code, as SMTP would get it', async () => {
    const outcome = await email().sendEmail({ key: 'pr_1-email', to: 'ingrid@client.example', fromName: 'Rita Resepsjon', facts: FACTS });
    expect(outcome).toMatchObject({ outcome: 'sent', segments: 1 });
    expect(detailInEnglish(outcome.detail)).toBe('Written to the outbox');
    expect(await fs.readdir(dir)).toEqual(['pr_1-email.eml']);
    const mail = await simpleParser(await fs.readFile(path.join(dir, 'pr_1-email.eml')));
    expect(mail.subject).toBe('Payment request from Fjordside Fysio');
    expect(mail.from?.text).toBe('"Rita Resepsjon" <post@fjordside.example>');
    expect(mail.attachments.map((a) => a.cid)).toEqual(['payment-qr']);
  });

  it("keeps every message readable by the desk's user only: names, contacts, amounts and links (decision 0019)", async () => {
    const outbox = path.join(dir, 'outbox');
    const previous = process.umask(0);
    try {
      await createEmailTransport({ kind: 'outbox', dir: outbox, fromAddress: 'post@fjordside.example' }).sendEmail({ key: 'pr_1-email', to: 'ingrid@client.example', fromName: 'Rita Resepsjon', facts: FACTS });
      await createSmsTransport({ kind: 'outbox', dir: outbox }, () => new Date(0)).sendSms({ key: 'pr_1-sms', to: '412 34 567', facts: FACTS });
    } finally {
      process.umask(previous);
    }
    const modes = async (name: string) => (await fs.stat(path.join(outbox, name))).mode & 0o777;
    expect([await modes('.'), await modes('pr_1-email.eml'), await modes('pr_1-sms.json')]).toEqual([0o700, 0o600, 0o600]);
  });

  it('lists emails and SMS newest first, with the payment link', async () => {
    // The email's Date header is the real time (whole seconds): the SMS go a minute either side.
    let clock = Date.now() - 60_000;
    const sms = createSmsTransport({ kind: 'outbox', dir }, () => new Date(clock));
    await sms.sendSms({ key: 'pr_1-sms', to: '412 34 567', facts: FACTS });
    await email().sendEmail({ key: 'pr_2-email', to: 'ola@client.example', fromName: 'Rita Resepsjon', facts: { ...FACTS, clientFirstName: 'Ola', link: 'https://pay.example/p/def456' } });
    clock = Date.now() + 60_000;
    await sms.sendSms({ key: 'pr_3-sms', to: '+46701234567', facts: { ...FACTS, link: 'https://pay.example/p/ghi789' } });

    const items = await listOutbox(dir);
    expect(items.map((i) => [i.key, i.channel, i.to, i.link])).toEqual([
      ['pr_3-sms', 'sms', '+46701234567', 'https://pay.example/p/ghi789'],
      ['pr_2-email', 'email', 'ola@client.example', 'https://pay.example/p/def456'],
      ['pr_1-sms', 'sms', '+4741234567', 'https://pay.example/p/abc123'],
    ]);
    expect(items[1]).toMatchObject({ subject: 'Payment request from Fjordside Fysio' });
    expect(items[1]!.text).toContain('Hi Ola,');
    expect(items[2]!.text).toBe('Fjordside Fysio: Hi Ingrid, please pay 450,00 kr (invoice 12) by 5 Dec 2026: https://pay.example/p/abc123');
    expect(await readOutboxItem(dir, 'pr_2-email')).toEqual(items[1]);
    expect(await readOutboxItem(dir, 'pr_9-email')).toBeNull();
  });

  it('keeps one file per key: sending the same key again writes nothing new', async () => {
    const message = { key: 'pr_1-email', to: 'ingrid@client.example', fromName: 'Rita Resepsjon', facts: FACTS };
    await email().sendEmail(message);
    const first = await fs.readFile(path.join(dir, 'pr_1-email.eml'));
    const again = await email().sendEmail({ ...message, facts: { ...FACTS, amountMinor: 99_900 } });
    expect(again).toMatchObject({ outcome: 'sent' });
    expect(detailInEnglish(again.detail)).toMatch(/Already in the outbox/);
    const sms = createSmsTransport({ kind: 'outbox', dir }, () => new Date(0));
    await Promise.all([1, 2, 3].map(() => sms.sendSms({ key: 'pr_1-sms', to: '41234567', facts: FACTS })));
    expect((await fs.readdir(dir)).sort()).toEqual(['pr_1-email.eml', 'pr_1-sms.json']);
    expect(await fs.readFile(path.join(dir, 'pr_1-email.eml'))).toEqual(first);
  });

  it('names files safely, never lets two keys share one, and skips files that are not messages', async () => {
    await email().sendEmail({ key: 'step/1:email', to: 'a@client.example', fromName: 'Rita', facts: FACTS });
    await email().sendEmail({ key: 'step/1?email', to: 'b@client.example', fromName: 'Rita', facts: FACTS });
    await email().sendEmail({ key: '../../escape', to: 'c@client.example', fromName: 'Rita', facts: FACTS });
    await fs.writeFile(path.join(dir, '.half-written.eml.tmp'), 'From: x');
    await fs.writeFile(path.join(dir, 'notes.json'), '{"hello": 1}');
    await fs.writeFile(path.join(dir, 'broken.json'), '{');

    const names = await fs.readdir(dir);
    expect(names.filter((n) => n.endsWith('.eml'))).toHaveLength(3);
    expect(names.every((n) => !n.includes('/') && !n.includes(':') && !n.includes('?'))).toBe(true);
    const items = await listOutbox(dir);
    expect(items.map((i) => i.key).sort()).toEqual(['../../escape', 'step/1:email', 'step/1?email']);
    expect((await readOutboxItem(dir, 'step/1?email'))?.to).toBe('b@client.example');
  });

  it('reads a bokmål email and SMS back with their payment link', async () => {
    const nb = { ...FACTS, reader: { ...FACTS.reader, language: 'nb' as const }, link: 'https://pay.example/p/nb1' };
    await email().sendEmail({ key: 'pr_4-email', to: 'kari@client.example', fromName: 'Rita Resepsjon', facts: nb });
    await createSmsTransport({ kind: 'outbox', dir }, () => new Date()).sendSms({ key: 'pr_4-sms', to: '41234567', facts: nb });
    const mail = await readOutboxItem(dir, 'pr_4-email');
    expect(mail).toMatchObject({ subject: 'Betalingslenke fra Fjordside Fysio', link: 'https://pay.example/p/nb1' });
    expect(mail!.text).toContain('Betal nå: https://pay.example/p/nb1');
    expect(await readOutboxItem(dir, 'pr_4-sms')).toMatchObject({
      text: 'Fjordside Fysio: Hei Ingrid, vennligst betal 450,00 kr (faktura 12) innen 5. des. 2026: https://pay.example/p/nb1', link: 'https://pay.example/p/nb1',
    });
  });

  it('lists nothing when nothing was ever sent to the outbox', async () => {
    expect(await listOutbox(path.join(dir, 'not-yet'))).toEqual([]);
  });
});
