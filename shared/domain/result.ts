/**
 * The outcome of a rule that can refuse. Refusals carry a message a receptionist
 * understands and, where it helps, the form field to fix.
 */
export type Refusal = { ok: false; message: string; field?: string };
export type Result<T> = { ok: true; value: T } | Refusal;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse(message: string, field?: string): Refusal {
  return field === undefined ? { ok: false, message } : { ok: false, message, field };
}

/** Thrown by data-layer commands so a refusal crosses async boundaries intact. */
export class RefusedError extends Error {
  readonly field: string | undefined;
  constructor(refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusedError';
    this.field = refusal.field;
  }
}
