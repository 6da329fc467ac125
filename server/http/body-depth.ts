/**
 * Every JSON body is at most MAX_BODY_DEPTH levels deep, checked right after parsing and
 * before any route reads it. JSON.parse takes a 20,000-deep array, but JSON.stringify, the
 * push rules' canonical JSON and PostgreSQL's jsonb all recurse and give up on one, which
 * was a 500; a desk's deepest body is a push of invoices (rows → document → lines → line),
 * five levels. Walked with its own stack, so the check cannot overflow either. Imported by
 * server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { badRequest } from './errors.js';

export const MAX_BODY_DEPTH = 32;

/** Arrays and plain objects only: a route that keeps its body raw (the Stripe webhook's Buffer) is not walked. */
function isJsonContainer(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether a parsed JSON value nests deeper than `max` levels (a scalar is level 0). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (!isJsonContainer(value)) return false;
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [container, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(container) ? container : Object.values(container)) {
      if (isJsonContainer(child)) stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function installBodyDepthLimit(app: FastifyInstance, max = MAX_BODY_DEPTH): void {
  app.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, max)) {
      throw badRequest(text('serverError.tooDeep', { max }), 'too_deep');
    }
  });
}
