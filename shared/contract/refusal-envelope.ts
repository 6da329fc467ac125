/**
 * How a refusal from main reaches the renderer with its Text (shared/i18n/text.ts) intact.
 * Electron's IPC and contextBridge keep only an Error's message, so main answers a request that
 * was refused with this envelope as its value; the renderer's typed client turns it back into a
 * RefusedError, which each screen puts into its reader's language. Other failures (bad input,
 * a crash) still reject. Importable from every runtime.
 */
import { RefusedError } from '../domain/result.js';
import { isText, type Text } from '../i18n/text.js';

const KEY = 'frontdeskRefused';

export interface RefusalEnvelope {
  readonly [KEY]: { readonly text: Text; readonly message: string; readonly field?: string };
}

/** Main: the envelope for a RefusedError; null for anything else (which is thrown on). */
export function envelopeOf(err: unknown): RefusalEnvelope | null {
  if (!(err instanceof RefusedError)) return null;
  return { [KEY]: err.field === undefined ? { text: err.text, message: err.message } : { text: err.text, message: err.message, field: err.field } };
}

/** Renderer: the refusal a value carries, or null for an ordinary answer. */
export function refusalIn(value: unknown): RefusedError | null {
  if (typeof value !== 'object' || value === null || !(KEY in value)) return null;
  const inner = (value as Record<string, unknown>)[KEY] as Record<string, unknown> | null;
  if (!inner || !isText(inner.text)) return null;
  const field = typeof inner.field === 'string' ? inner.field : undefined;
  return new RefusedError({ text: inner.text, message: typeof inner.message === 'string' ? inner.message : undefined, field });
}
