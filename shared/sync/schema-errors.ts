/**
 * The first error of a compiled document validator (Ajv's error objects) as a refusal in
 * plain words naming the field: `invalid_document` with the field and the rule broken.
 * Pure; imported by document-validation.ts.
 */
import type { DocumentProblem } from './document-problem.js';
import { problem, quoted } from './document-problem.js';

/** The parts of Ajv's ErrorObject read here (the generated validators carry no messages). */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** "/lines/0/unitPriceMinor" → "lines[0].unitPriceMinor" (JSON Pointer, RFC 6901). */
export function fieldOf(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

export function schemaProblem(error: SchemaError | undefined): DocumentProblem {
  if (!error) return problem('invalid_document', 'it does not have the shape of a document');
  const at = fieldOf(error.instancePath);
  const p = error.params;
  const named = quoted(at);
  switch (error.keyword) {
    case 'required': {
      const field = join(at, String(p.missingProperty));
      return problem('invalid_document', `${quoted(field)} is missing`, { field, rule: 'required' });
    }
    case 'additionalProperties': {
      const field = join(at, String(p.additionalProperty));
      return problem('invalid_document', `${quoted(field)} is not a field the desks know`, { field: field.slice(0, 100), rule: 'unknown_field' });
    }
    case 'type': {
      if (at === '') return problem('invalid_document', 'it is not an object', { field: '', rule: 'type' });
      const words = TYPE_WORDS[String(p.type)] ?? String(p.type);
      return problem('invalid_document', `${named} must be ${words}`, { field: at, rule: 'type', type: String(p.type) });
    }
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map(String) : [];
      return problem('invalid_document', `${named} must be one of ${allowed.join(', ')}`, { field: at, rule: 'enum', allowed: allowed.join(',') });
    }
    case 'maxLength':
      return problem('invalid_document', `${named} is longer than ${num(p.limit)} characters`, { field: at, rule: 'maxLength', limit: num(p.limit) });
    case 'minimum':
    case 'maximum':
      return problem('invalid_document', `${named} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${num(p.limit)}`, { field: at, rule: error.keyword, limit: num(p.limit) });
    case 'multipleOf':
      return problem('invalid_document', `${named} must be a whole number`, { field: at, rule: 'multipleOf' });
    case 'format':
      return problem('invalid_document', `${named} must be a UTC time such as 2026-03-02T09:00:00.000Z`, { field: at, rule: 'format', format: String(p.format) });
    default:
      return problem('invalid_document', `${named} breaks the schema's "${error.keyword}" rule`, { field: at, rule: error.keyword });
  }
}
