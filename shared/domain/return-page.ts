/**
 * Where Stripe sends a client after they paid (Checkout's success and cancel pages;
 * docs/decisions/0026-page-after-paying.md): an https address on the public internet that the
 * clinic gives with its Stripe key — their website or a thank-you page on it. The client is on
 * their own phone, so never a loopback, LAN or link-local address (issue 12: clients were sent
 * to their phone's own 127.0.0.1). Pure; used by the contract's parser and by main.
 */
import { text, type Text } from '../i18n/text.js';

const MAX_LENGTH = 300;

/** A host name or IP literal that only means something inside one machine or one network. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.lan') || h.endsWith('.internal') || h.endsWith('.home.arpa')) return true;
  if (!h.includes('.')) return true; // a bare name ("clinic-pc") only resolves on its own network
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  // IPv6 literals: loopback, link-local, unique-local.
  return h === '::1' || h.startsWith('fe80:') || h.startsWith('fc') || h.startsWith('fd');
}

/** Why this address cannot be the page after paying, for the admin to read; null when it can. */
export function returnPageRefusal(typed: string): Text | null {
  const value = typed.trim();
  if (value === '') return text('settings.returnPage.empty');
  if (value.length > MAX_LENGTH) return text('settings.returnPage.tooLong', { max: MAX_LENGTH });
  let url: { protocol: string; username: string; password: string; hostname: string };
  try {
    url = new URL(value);
  } catch {
    return text('settings.returnPage.notAddress');
  }
  if (url.protocol !== 'https:') return text('settings.returnPage.notHttps');
  if (url.username || url.password) return text('settings.returnPage.credentials');
  if (isLocalHost(url.hostname)) return text('settings.returnPage.local', { host: url.hostname });
  return null;
}
