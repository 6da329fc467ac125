/**
 * Answers requests on the app:// scheme with the built renderer (dist/renderer), the
 * Electron twin of the browser host's static server. Node-only, no 'electron' import:
 * used by electron/main/index.ts through protocol.handle, and by tests in plain Node.
 */
import path from 'node:path';
import { readStaticFile } from '../host/static-files.js';
import { APP_HOST, APP_SCHEME } from './window-options.js';

export interface AppProtocolOptions {
  rendererDir: string;
  /** The Content-Security-Policy sent with every response. */
  /** Computed per response: enrolling with a sync server changes the allowed connections. */
  csp: () => string;
}

export function createAppRequestHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  // readStaticFile refuses anything that resolves outside this (absolute) folder.
  const root = path.resolve(options.rendererDir);
  const baseHeaders = {
    'Content-Security-Policy': options.csp(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const notFound = (status = 404, extra: Record<string, string> = {}) =>
    new Response(status === 404 ? 'Not found' : null, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...extra } });

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405, { Allow: 'GET, HEAD' });

    // Client-side routes (no file extension) all load the app shell.
    const file = (await readStaticFile(root, url.pathname)) ?? (path.extname(url.pathname) === '' ? await readStaticFile(root, '/') : null);
    if (!file) return notFound();
    const isHtml = file.contentType.startsWith('text/html');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { ...baseHeaders, 'Content-Type': file.contentType, 'Cache-Control': isHtml ? 'no-store' : 'no-cache' },
    });
  };
}
