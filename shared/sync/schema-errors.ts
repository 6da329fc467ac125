/**
 * The first error of a compiled document validator (Ajv's error objects) as a refusal in
 * plain words naming the field (a Text, shared/i18n/text.ts): `invalid_document` with the field
 * and the rule broken. Pure; imported by document-validation.ts.
 */
import { text } from '../i18n/text.js';
import type { DocumentProblem } from './document-problem.js';
import { problem, quoted } from './document-problem.js';

/** The parts of Ajv's ErrorObject read here (the generated validators carry no messages). */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

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
  if (!error) return problem('invalid_document', text('syncRule.problem.shapeless'));
  const at = fieldOf(error.instancePath);
  const p = error.params;
  const named = quoted(at);
  switch (error.keyword) {
    case 'required': {
      const field = join(at, String(p.missingProperty));
      return problem('invalid_document', text('syncRule.problem.required', { field: quoted(field) }), { field, rule: 'required' });
    }
    case 'additionalProperties': {
      const field = join(at, String(p.additionalProperty));
      return problem('invalid_document', text('syncRule.problem.unknownField', { field: quoted(field) }), { field: field.slice(0, 100), rule: 'unknown_field' });
    }
    case 'type': {
      if (at === '') return problem('invalid_document', text('syncRule.problem.notObject'), { field: '', rule: 'type' });
      // The catalogue words each JSON type (a `select`); another type is named as it is.
      return problem('invalid_document', text('syncRule.problem.type', { field: named, type: String(p.type) }), { field: at, rule: 'type', type: String(p.type) });
    }
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map(String) : [];
      return problem('invalid_document', text('syncRule.problem.enum', { field: named, allowed: allowed.join(', ') }), { field: at, rule: 'enum', allowed: allowed.join(',') });
    }
    case 'maxLength':
      // Limits as text: schema bounds, written as they are in every language.
      return problem('invalid_document', text('syncRule.problem.maxLength', { field: named, limit: String(num(p.limit)) }), { field: at, rule: 'maxLength', limit: num(p.limit) });
    case 'minimum':
      return problem('invalid_document', text('syncRule.problem.minimum', { field: named, limit: String(num(p.limit)) }), { field: at, rule: error.keyword, limit: num(p.limit) });
    case 'maximum':
      return problem('invalid_document', text('syncRule.problem.maximum', { field: named, limit: String(num(p.limit)) }), { field: at, rule: error.keyword, limit: num(p.limit) });
    case 'multipleOf':
      return problem('invalid_document', text('syncRule.problem.wholeNumber', { field: named }), { field: at, rule: 'multipleOf' });
    case 'format':
      return problem('invalid_document', text('syncRule.problem.utcInstant', { field: named }), { field: at, rule: 'format', format: String(p.format) });
    default:
      return problem('invalid_document', text('syncRule.problem.schemaRule', { field: named, keyword: error.keyword }), { field: at, rule: error.keyword });
  }
}
