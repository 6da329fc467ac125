/**
 * Reads the outbox folder back for the outbox screen: every .eml (email) and .json (SMS)
 * the outbox transports wrote, newest first. Node-only (main process and the browser
 * host); imported by main's services.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { OutboxItem } from './types.js';
import { KEY_HEADER } from './email-message.js';
import { outboxFileName } from './outbox-files.js';
import { CATALOGUES, LANGUAGES } from '../../../shared/i18n/catalogues/index.js';

export async function listOutbox(dir: string): Promise<OutboxItem[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    // No outbox yet: nothing has been sent to it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Dot files are writes in progress (outbox-files.ts).
  const files = names.filter((n) => !n.startsWith('.') && (n.endsWith('.eml') || n.endsWith('.json')));
  const items = await Promise.all(files.map((n) => readFile(path.join(dir, n))));
  return items
    .filter((item): item is OutboxItem => item !== null)
    .sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
}

export async function readOutboxItem(dir: string, key: string): Promise<OutboxItem | null> {
  for (const ext of ['eml', 'json'] as const) {
    const item = await readFile(path.join(dir, outboxFileName(key, ext)));
    if (item) return item;
  }
  return null;
}

/** One outbox file as an item; null when it is missing or not one of ours (skipped, not fatal). */
async function readFile(file: string): Promise<OutboxItem | null> {
  let raw: Buffer;
  let mtime: Date;
  try {
    [raw, mtime] = await Promise.all([fs.readFile(file), fs.stat(file).then((s) => s.mtime)]);
  } catch {
    return null;
  }
  try {
    return file.endsWith('.eml') ? await emailItem(raw, mtime) : smsItem(raw);
  } catch {
    return null;
  }
}

async function emailItem(raw: Buffer, mtime: Date): Promise<OutboxItem | null> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  const key = mail.headers.get(KEY_HEADER.toLowerCase());
  if (typeof key !== 'string') return null;
  const text = mail.text ?? '';
  return {
    key,
    channel: 'email',
    to: addresses(mail.to),
    subject: mail.subject ?? '',
    text,
    link: findLink(text),
    at: (mail.date ?? mtime).toISOString(),
  };
}

function smsItem(raw: Buffer): OutboxItem | null {
  const sms = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (typeof sms.key !== 'string' || typeof sms.to !== 'string' || typeof sms.body !== 'string' || typeof sms.at !== 'string') return null;
  return { key: sms.key, channel: 'sms', to: sms.to, subject: '', text: sms.body, link: findLink(sms.body), at: sms.at };
}

function addresses(to: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean).join(', ');
}

/** The "Pay now: <link>" line of an email, in each language the emails are written in. */
const PAY_NOW_LINES = LANGUAGES.map((language) => {
  const before = CATALOGUES[language]['email.payNowLine'].split('{link}')[0]!;
  const escaped = before.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
  return new RegExp(escaped + String.raw`(https?:\/\/\S+)`);
});

/** The email's "Pay now: <link>" line, else the first web address (the SMS ends with it). */
function findLink(text: string): string {
  for (const line of PAY_NOW_LINES) {
    const payNow = line.exec(text);
    if (payNow) return payNow[1]!;
  }
  return /https?:\/\/[^\s<>"]+/.exec(text)?.[0] ?? '';
}
