/**
 * Every error the server sends is an ErrorBody with a code and plain words
 * (shared/sync/protocol.ts): its English `message`, which desks of earlier versions show, and
 * the same as a Text (`text`) for a desk to put into its reader's language
 * (docs/decisions/0033-languages.md). Route code throws HttpError; the handlers here turn
 * Fastify's own errors (bad JSON, body too large) into the same shape and hide
 * internals of anything unexpected. Imported by server/ only.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { text, type Text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';
import type { ErrorBody } from '../../shared/sync/protocol.js';

/**
 * What an error says: a Text for staff to read (its English is the error's message), or plain
 * English for a program or an operator (Stripe's webhook calls), which is sent without a Text.
 */
export type ErrorWords = Text | string;

export class HttpError extends Error {
  /** What the error says for the desk's reader; null when it is for a program. */
  readonly text: Text | null;
  /** `headers`: sent with the error, e.g. Retry-After with a 429. */
  constructor(readonly statusCode: number, readonly code: string, said: ErrorWords, readonly headers: Readonly<Record<string, string>> = {}) {
    super(typeof said === 'string' ? said : inEnglish(said));
    this.name = 'HttpError';
    this.text = typeof said === 'string' ? null : said;
  }
}

export const badRequest = (said: Text, code = 'bad_request') => new HttpError(400, code, said);
export const forbidden = (said: Text, code = 'forbidden') => new HttpError(403, code, said);
export const notFound = (said: Text, code = 'not_found') => new HttpError(404, code, said);
/** 429 with Retry-After in whole seconds (at least 1), so a client knows when to come back. */
export const tooManyRequests = (code: string, said: Text, retryAfterMs: number) =>
  new HttpError(429, code, said, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });

/** The body of an error: its code, its English and (when it is for staff) its Text. */
export function errorBody(code: string, said: ErrorWords): ErrorBody {
  if (typeof said === 'string') return { error: { code, message: said } };
  return { error: { code, message: inEnglish(said), text: said } };
}

const INTERNAL = text('serverError.internal');

/** Fastify's own 4xx errors, in words a receptionist (or the desk's status bar) can use. */
function frameworkError(err: FastifyError, bodyLimit: number): { status: number; body: ErrorBody } | null {
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const mb = Math.round(bodyLimit / (1024 * 1024));
    return { status: 413, body: errorBody('too_large', text('serverError.tooLarge', { mb })) };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: errorBody('unsupported_media_type', text('serverError.jsonOnly')) };
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, body: errorBody('bad_request', text('serverError.emptyJson')) };
  }
  if (status === 400 && (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || /JSON/i.test(err.message))) {
    // Fastify's parser also lands here for a `__proto__` or `constructor.prototype` key.
    return { status: 400, body: errorBody('bad_json', text('serverError.badJson')) };
  }
  if (status >= 400 && status < 500) return { status, body: errorBody('bad_request', text('serverError.unreadable')) };
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
  return { status: 400, body: errorBody('unstorable', text('serverError.unstorable')) };
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).headers(err.headers).send(errorBody(err.code, err.text ?? err.message));
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
    reply.code(404).send(errorBody('not_found', text('serverError.noRoute', { route: `${request.method} ${request.url.split('?')[0]}` })));
  });
}
