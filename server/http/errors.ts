/**
 * Every error the server sends is an ErrorBody with a code and plain words
 * (shared/sync/protocol.ts). Route code throws HttpError; the handlers here turn
 * Fastify's own errors (bad JSON, body too large) into the same shape and hide
 * internals of anything unexpected. Imported by server/ only.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../shared/sync/protocol.js';

export class HttpError extends Error {
  /** `headers`: sent with the error, e.g. Retry-After with a 429. */
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, code = 'bad_request') => new HttpError(400, code, message);
export const forbidden = (message: string, code = 'forbidden') => new HttpError(403, code, message);
export const notFound = (message: string, code = 'not_found') => new HttpError(404, code, message);
/** 429 with Retry-After in whole seconds (at least 1), so a client knows when to come back. */
export const tooManyRequests = (code: string, message: string, retryAfterMs: number) =>
  new HttpError(429, code, message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

const INTERNAL = "Something went wrong on the clinic's sync server. Try again; if it keeps happening, restart the server.";

/** Fastify's own 4xx errors, in words a receptionist (or the desk's status bar) can use. */
function frameworkError(err: FastifyError, bodyLimit: number): { status: number; body: ErrorBody } | null {
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const mb = Math.round(bodyLimit / (1024 * 1024));
    return { status: 413, body: errorBody('too_large', `The request is too large for the sync server (over ${mb} MB). Send fewer changes at once.`) };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: errorBody('unsupported_media_type', 'The sync server accepts JSON only (Content-Type: application/json).') };
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, body: errorBody('bad_request', 'The request said it carried JSON but had no body.') };
  }
  if (status === 400 && (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || /JSON/i.test(err.message))) {
    // Fastify's parser also lands here for a `__proto__` or `constructor.prototype` key.
    return { status: 400, body: errorBody('bad_json', 'The request body is not valid JSON, or uses a key the server refuses (__proto__, constructor.prototype).') };
  }
  if (status >= 400 && status < 500) return { status, body: errorBody('bad_request', 'The sync server could not read this request.') };
  return null;
}

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a NUL in text, a number out of range…)
 * and program limits (class 54: nesting too deep): what the request carried, which the
 * validation should have refused first (docs/design.md invariant 13). A 400, so a desk is
 * not told the server is broken; still logged as an error, since it means a gap in the
 * validation.
 */
function storeRefusal(err: FastifyError): { status: number; body: ErrorBody } | null {
  const code: unknown = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^(22|54)[0-9A-Z]{3}$/.test(code)) return null;
  return { status: 400, body: errorBody('unstorable', 'The sync server cannot store what this request carries. Nothing was changed.') };
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).headers(err.headers).send(errorBody(err.code, err.message));
    const known = frameworkError(err, bodyLimit);
    if (known) return reply.code(known.status).send(known.body);
    const unstorable = storeRefusal(err);
    if (unstorable) {
      request.log.error({ err }, 'the store refused data the validation let through');
      return reply.code(unstorable.status).send(unstorable.body);
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal', INTERNAL));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `The sync server has no ${request.method} ${request.url.split('?')[0]}.`));
  });
}
