/** Serves the built renderer's files; nothing outside its folder is reachable. Node-only. */
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a file for a URL path, or null when it does not exist or escapes the root. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const stat = await fs.stat(full);
    if (!stat.isFile()) return null;
    return { body: await fs.readFile(full), contentType: TYPES[path.extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
