/**
 * The renderer's Content-Security-Policy, one builder for Electron and the browser
 * host: scripts, styles and images only from the app itself, no frames or plugins,
 * and network connections only to the configured sync server (plus, in browser host
 * mode, the host's own socket). Node-only.
 */
export interface CspOptions {
  /** Origins the renderer may connect to (sync server, host socket). */
  connect: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions): string {
  const connect = ["'self'", ...options.connect.map(originOf)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "child-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Reduces a URL to its origin so a path or token never appears in the policy. */
export function originOf(url: string): string {
  const u = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) throw new Error(`not a network origin: ${url}`);
  return `${u.protocol}//${u.host}`;
}
