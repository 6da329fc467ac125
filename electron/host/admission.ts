/**
 * Who the browser host lets in (decision 0019). Every request is first checked for its Host
 * header, which must name exactly the loopback address and port the host listens on — a
 * DNS-rebinding page sends its own name and is refused with 421. Then nothing is answered
 * without a session cookie, except the one request that trades a fresh opening code for it;
 * the WebSocket also needs this host's own Origin. Decisions only: host-server.ts writes them.
 * Node-only; used by host-server.ts.
 */
import type { IncomingMessage } from 'node:http';
import { text, type Text } from '../../shared/i18n/text.js';
import type { OpeningCodes } from './opening-codes.js';
import { isValidSessionValue, mintSessionValue, sessionCookieName } from './session-key.js';

export const OPENING_CODE_PARAM = 'code';

export interface Refusal {
  readonly kind: 'refuse';
  readonly status: 403 | 421;
  /** What the refused person reads; host-server.ts words it in their browser's language. */
  readonly text: Text;
}

export type PageAdmission =
  | Refusal
  | { readonly kind: 'admitted' }
  /** Set the cookie (when given) and send the browser to the same page without the code. */
  | { readonly kind: 'redirect'; readonly location: string; readonly setCookie?: string };

export interface Admission {
  /** The origin the request's Host header names, or a refusal when it is not this host. */
  hostOf(req: IncomingMessage): { readonly kind: 'host'; readonly origin: string } | Refusal;
  page(req: IncomingMessage, url: URL): PageAdmission;
  /** Null when the WebSocket may open. */
  socket(req: IncomingMessage, origin: string): Refusal | null;
}

const NO_SESSION = text('host.noSession');
const BAD_CODE = text('host.badCode');
/** For the terminal of the user who started the desk, like the host's other log lines: English. */
const REUSED_CODE_LOG = 'Refused an opening link that had already been used. If the desk\'s window says so too, someone else may have opened the desk first: stop it, delete host-session.key in the data folder (that signs every browser out) and start it again.';

export function createAdmission(options: { port: () => number; key: Buffer; codes: OpeningCodes; log: (line: string) => void }): Admission {
  const cookieName = () => sessionCookieName(options.port());

  const hasSession = (req: IncomingMessage) => cookieValues(req.headers.cookie, cookieName()).some((v) => isValidSessionValue(options.key, v));

  return {
    hostOf(req) {
      const host = (req.headers.host ?? '').toLowerCase();
      const port = options.port();
      if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return { kind: 'host', origin: `http://${host}` };
      return { kind: 'refuse', status: 421, text: text('host.wrongHost', { url: `http://127.0.0.1:${port}/` }) };
    },
    page(req, url) {
      const code = url.searchParams.get(OPENING_CODE_PARAM);
      if (code === null) return hasSession(req) ? { kind: 'admitted' } : { kind: 'refuse', status: 403, text: NO_SESSION };
      const redeemed = options.codes.redeem(code);
      if (redeemed === 'used') options.log(REUSED_CODE_LOG);
      const location = withoutCode(url);
      if (redeemed === 'admitted') return { kind: 'redirect', location, setCookie: `${cookieName()}=${mintSessionValue(options.key)}; Path=/; HttpOnly; SameSite=Strict` };
      // A page already signed in that reopens an old link just loses the code.
      return hasSession(req) ? { kind: 'redirect', location } : { kind: 'refuse', status: 403, text: BAD_CODE };
    },
    socket(req, origin) {
      if (req.headers.origin !== origin) return { kind: 'refuse', status: 403, text: text('host.otherOrigin') };
      return hasSession(req) ? null : { kind: 'refuse', status: 403, text: NO_SESSION };
    },
  };
}

/** Every value of the named cookie: a page elsewhere on 127.0.0.1 can add one of the same name, so each is tried. */
function cookieValues(header: string | undefined, name: string): string[] {
  return (header ?? '').split(';').map((part) => part.trim()).filter((part) => part.startsWith(`${name}=`)).map((part) => part.slice(name.length + 1));
}

/** The page's own path and query without the code; never "//elsewhere". */
function withoutCode(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete(OPENING_CODE_PARAM);
  const query = params.toString();
  return `/${url.pathname.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
}
