/** The sync server's address as staff type it: required, and an http(s) address. */
import { ok, refuse, type Result } from './result.js';

export function checkServerAddress(input: string, field = 'serverUrl'): Result<string> {
  const text = input.trim();
  if (text === '') return refuse('server.address.refused.empty', field);
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return ok(url.origin);
  } catch {
    return refuse('server.address.refused.invalid', { address: text }, field);
  }
}
