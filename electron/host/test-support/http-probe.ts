/**
 * Raw HTTP requests to a browser host on 127.0.0.1, headers exactly as given — a forged
 * Host or Origin included, which fetch and browsers never send — and signing in with an
 * opening link as the launcher's browser does. For the host's tests and hostile-cases.ts only.
 */
import http from 'node:http';
import crypto from 'node:crypto';

export interface ProbeResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface ProbeRequest {
  readonly port: number;
  readonly path: string;
  readonly method?: string;
  /** Sent as given; `host: null` sends no Host header at all. */
  readonly headers?: Record<string, string | null>;
  /** Ask to open a WebSocket; an answer of 101 means it opened (the socket is then closed). */
  readonly upgrade?: boolean;
}

export function probe(request: ProbeRequest): Promise<ProbeResponse> {
  const headers: Record<string, string> = { host: `127.0.0.1:${request.port}` };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  if (request.upgrade) {
    Object.assign(headers, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': crypto.randomBytes(16).toString('base64') });
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: request.port, path: request.path, method: request.method ?? 'GET', headers, setHost: false, agent: false });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, headers: res.headers, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Trades an opening link for the session cookie, as the launcher's browser does: "name=value" for a Cookie header. */
export async function signIn(openingUrl: string): Promise<string> {
  const url = new URL(openingUrl);
  const res = await probe({ port: Number(url.port), path: `${url.pathname}${url.search}` });
  const setCookie = res.headers['set-cookie']?.[0];
  if (res.status !== 303 || !setCookie) throw new Error(`The opening link was refused (${res.status}): ${res.body}`);
  return setCookie.split(';')[0]!;
}
