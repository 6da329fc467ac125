/**
 * What the generated document validators (document-validators.generated.ts) call at run
 * time, in place of the `require(...)` lines Ajv's standalone code would carry: the length
 * of a string in code points (JSON Schema's `maxLength`) and the one string format the
 * schemas use, `date-time`. Imported by the generated module, by the code generator
 * (which compiles against these very functions) and by document-rules.ts.
 */

const INSTANT = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z$/;

/**
 * An instant as desks store it (docs/design.md invariant 4): UTC ISO text as
 * `toISOString()` writes it, so text order is time order and conflict rules may compare it
 * as text. Stricter than RFC 3339's date-time, which also allows offsets, leap seconds and
 * lower-case letters; no desk writes those. Checked without building a Date (a pulled first
 * sync checks some 200,000 of these).
 */
export function isUtcInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  if (!m) return false;
  const day = Number(m[3]);
  if (day <= 28) return true;
  // The last day of the month: day 0 of the next one.
  return day <= new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
}

/** Ajv's format definitions, by name, as the generated code reads them. */
export const instantFormats = {
  'date-time': { type: 'string', validate: isUtcInstant },
} as const;

/**
 * The length of a string in Unicode code points, as JSON Schema counts `maxLength`: a
 * surrogate pair is one character. Ajv's own ucs2length (ajv/dist/runtime/ucs2length, MIT),
 * restated here so the generated module imports nothing CommonJS by default export.
 */
export function ucs2length(str: string): number {
  const len = str.length;
  let length = 0;
  let pos = 0;
  while (pos < len) {
    length++;
    const value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}
