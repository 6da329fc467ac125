/**
 * What the schema cannot say about the values of a document that already has the schema's
 * shape: text holds no NUL or other C0 control character (tab, line feed and carriage
 * return only in free text, which may run over lines) and no half of a surrogate pair —
 * PostgreSQL's jsonb refuses both, which was a 500 and a desk retrying its batch for ever;
 * and no number is -0 (JSON.stringify writes it as 0, so no honest desk sends one).
 * Pure; imported by document-validation.ts, after the schema: only what it allows is walked.
 */
import type { CollectionName } from '../schemas/index.js';
import { text } from '../i18n/text.js';
import type { DocumentProblem } from './document-problem.js';
import { problem, quoted } from './document-problem.js';

/** Fields whose text may hold tabs and line breaks (key paths, array indexes left out). */
const FREE_TEXT: Readonly<Record<CollectionName, ReadonlySet<string>>> = {
  settings: new Set(['address']),
  staff: new Set(),
  clients: new Set(['address']),
  services: new Set(),
  bookings: new Set(),
  invoices: new Set(['lines.description']),
  payments: new Set(),
  paymentrequests: new Set(['problem']),
  messages: new Set(['detail']),
  activity: new Set(['summary']),
};

// Quick tests first: nearly every string has none of these, and one regex test is cheap.
/* eslint-disable no-control-regex -- finding control characters is what these are for */
const SUSPECT_STRICT = /[\u0000-\u001f\ud800-\udfff]/;
const SUSPECT_FREE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/;
const CONTROL_STRICT = /[\u0000-\u001f]/;
const CONTROL_FREE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a string that failed the quick test is bad; null when it only holds whole surrogate pairs (an emoji). */
function textProblem(value: string, field: string, free: boolean): DocumentProblem | null {
  const control = (free ? CONTROL_FREE : CONTROL_STRICT).exec(value);
  if (control) {
    const character = codePoint(control[0]);
    const said = character === 'U+0000'
      ? text('syncRule.problem.nulCharacter', { field: quoted(field) })
      : text('syncRule.problem.controlCharacter', { field: quoted(field), character });
    return problem('invalid_document', said, { field, rule: 'control_character', character });
  }
  if (LONE_SURROGATE.test(value)) return problem('invalid_document', text('syncRule.problem.unpairedSurrogate', { field: quoted(field) }), { field, rule: 'unpaired_surrogate' });
  return null;
}

const negativeZero = (field: string): DocumentProblem =>
  problem('invalid_document', text('syncRule.problem.negativeZero', { field: quoted(field) }), { field, rule: 'negative_zero' });

/** lines[0].description, from its parts. */
const fieldName = (key: string, index: number, sub: string) => (index < 0 ? key : sub === '' ? `${key}[${index}]` : `${key}[${index}].${sub}`);

/** A bad string or number at key[index].sub (index -1: the top level); null for anything else. */
function scalarProblem(value: unknown, free: boolean, key: string, index: number, sub: string): DocumentProblem | null {
  if (typeof value === 'string') {
    const suspect = free ? SUSPECT_FREE : SUSPECT_STRICT;
    return suspect.test(value) ? textProblem(value, fieldName(key, index, sub), free) : null;
  }
  if (value === 0 && Object.is(value, -0)) return negativeZero(fieldName(key, index, sub));
  return null;
}

/**
 * The first bad text or number in a document of the schema's shape. Every schema is at
 * most three levels deep (a document, its lists, the flat objects of `lines`), so the walk
 * is three loops, not a recursion; field names are built only for a value at fault, since
 * a first sync runs this over some 65,000 documents.
 */
export function valuesProblem(collection: CollectionName, doc: Readonly<Record<string, unknown>>): DocumentProblem | null {
  const free = FREE_TEXT[collection];
  for (const key in doc) {
    const value = doc[key];
    if (!Array.isArray(value)) {
      const bad = scalarProblem(value, free.has(key), key, -1, '');
      if (bad) return bad;
      continue;
    }
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') {
        const bad = scalarProblem(item, free.has(key), key, i, '');
        if (bad) return bad;
        continue;
      }
      const fields = item as Readonly<Record<string, unknown>>;
      for (const k in fields) {
        const bad = scalarProblem(fields[k], free.size > 0 && free.has(`${key}.${k}`), key, i, k);
        if (bad) return bad;
      }
    }
  }
  return null;
}
