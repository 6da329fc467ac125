/**
 * Every error the server sends is an ErrorBody with a code and plain words
 * (shared/sync/protocol.ts). Route code throws HttpError; the handlers here turn
 * Fastify's own errors (bad JSON, body too large) into the same shape and hide
 * internals of anything unexpected. Imported by server/ only.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../shared/sync/protocol.js';

export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, code = 'bad_request') => new HttpError(400, code, message);
export const forbidden = (message: string, code = 'forbidden') => new HttpError(403, code, message);
export const notFound = (message: string, code = 'not_found') => new HttpError(404, code, message);

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
    return { status: 400, body: errorBody('bad_json', 'The request body is not valid JSON.') };
  }
  if (status >= 400 && status < 500) return { status, body: errorBody('bad_request', 'The sync server could not read this request.') };
  return null;
}

export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    const known = frameworkError(err, bodyLimit);
    if (known) return reply.code(known.status).send(known.body);
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal', INTERNAL));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `The sync server has no ${request.method} ${request.url.split('?')[0]}.`));
  });
}
