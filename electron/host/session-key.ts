/**
 * The browser host's session key and the session cookies made from it (decision 0019). The
 * key is 32 random bytes in "<data folder>/host-session.key", 0600 in the 0700 data folder,
 * so only the user who runs the desk can read it. A session cookie is a random nonce and its
 * HMAC under that key: the host checks it without remembering anything, so an open page
 * survives a restart of the host, and a cookie made with another data folder's key fails.
 *
 * Node-only. Imported by the host (host-server.ts, admission.ts) and, through
 * hostSessionForTools, by the user's own tools (e2e/support, bench).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tightenPrivateFile, writePrivateFile } from '../services/private-files.js';

export const SESSION_KEY_FILE = 'host-session.key';
const KEY_BYTES = 32;
const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;
const MAC_LABEL = 'frontdesk-host-session-v1:';

/** Per port, like the desk's data: cookies ignore the port, so two desks on one machine must not share a name. */
export function sessionCookieName(port: number): string {
  return `frontdesk_session_${port}`;
}

function keyFile(dataDir: string): string {
  return path.join(dataDir, SESSION_KEY_FILE);
}

function parseKey(file: string, text: string): Buffer {
  const trimmed = text.trim();
  if (!KEY_TEXT.test(trimmed)) throw new Error(`${file} is damaged (not a session key). Remove it and start the desk again; open pages will need to be opened again from the start command.`);
  return Buffer.from(trimmed, 'base64url');
}

/** The key of a data folder; null when the host has never run there. */
export function readSessionKey(dataDir: string): Buffer | null {
  const file = keyFile(dataDir);
  tightenPrivateFile(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseKey(file, text);
}

/** The data folder's key, made at the host's first start there. */
export function loadOrCreateSessionKey(dataDir: string): Buffer {
  const existing = readSessionKey(dataDir);
  if (existing) return existing;
  const key = crypto.randomBytes(KEY_BYTES);
  writePrivateFile(keyFile(dataDir), `${key.toString('base64url')}\n`);
  return key;
}

function macOf(key: Buffer, nonce: string): string {
  return crypto.createHmac('sha256', key).update(MAC_LABEL + nonce).digest('base64url');
}

/** A fresh session cookie value: "<nonce>.<mac>". */
export function mintSessionValue(key: Buffer): string {
  const nonce = crypto.randomBytes(16).toString('base64url');
  return `${nonce}.${macOf(key, nonce)}`;
}

/** True when the value was made with this key. The MAC is compared in constant time. */
export function isValidSessionValue(key: Buffer, value: string): boolean {
  const dot = value.indexOf('.');
  if (dot <= 0) return false;
  return constantTimeEqual(value.slice(dot + 1), macOf(key, value.slice(0, dot)));
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Lengths are not secret (every MAC and code has a fixed length); the contents are.
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export interface ToolSession {
  /** The cookie's name and value, e.g. for Playwright's context.addCookies. */
  readonly name: string;
  readonly value: string;
  /** The same as a Cookie header value, for plain HTTP and WebSocket clients. */
  readonly header: string;
}

/**
 * What the desk's user's own tools (e2e helpers, benchmarks) need to get into a running host
 * on `port` whose data folder they can read: a session cookie. Refuses clearly when the host
 * has never run with that folder.
 */
export function hostSessionForTools(dataDir: string, port: number): ToolSession {
  const key = readSessionKey(dataDir);
  if (!key) throw new Error(`No ${SESSION_KEY_FILE} in ${dataDir}: start the desk in browser host mode with this data folder first.`);
  const name = sessionCookieName(port);
  const value = mintSessionValue(key);
  return { name, value, header: `${name}=${value}` };
}
