/**
 * Where Stripe sends a client after they paid (Checkout's success and cancel pages;
 * docs/decisions/0026-page-after-paying.md): an https address on the public internet that the
 * clinic gives with its Stripe key — their website or a thank-you page on it. The client is on
 * their own phone, so never a loopback, LAN or link-local address (issue 12: clients were sent
 * to their phone's own 127.0.0.1). Pure; used by the contract's parser and by main.
 */

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

/** Why this address cannot be the page after paying, in words for the admin; null when it can. */
export function returnPageProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'Enter the web address clients see after paying, such as your website: https://www.yourclinic.no/thank-you.';
  if (value.length > MAX_LENGTH) return `The address is longer than ${MAX_LENGTH} characters.`;
  let url: { protocol: string; username: string; password: string; hostname: string };
  try {
    url = new URL(value);
  } catch {
    return 'That is not a web address. It looks like https://www.yourclinic.no/thank-you.';
  }
  if (url.protocol !== 'https:') return 'The page after paying must start with https:// — the client pays on their own phone, over the internet.';
  if (url.username || url.password) return 'The address cannot hold a user name or password.';
  if (isLocalHost(url.hostname)) return `${url.hostname} only works on this computer or the clinic's network; the client pays on their own phone. Use your public website's address.`;
  return null;
}
