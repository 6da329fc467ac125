/**
 * The recorded validators (document-validators.generated.ts) are what Ajv compiles from the
 * desks' schemas today: a schema changed without `npm run schemas:record` fails here. With
 * SCHEMA_HISTORY=record (what that script sets) the file is rewritten first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateValidatorModule } from '../test-support/validator-codegen.js';
import { ucs2length } from './validator-runtime.js';

const FILE = path.join(import.meta.dirname, 'document-validators.generated.ts');

if (process.env.SCHEMA_HISTORY === 'record') fs.writeFileSync(FILE, generateValidatorModule());

describe('recorded document validators', () => {
  it('are what the current schemas compile to', () => {
    expect(fs.readFileSync(FILE, 'utf8'), 'the desks\' schemas changed: run npm run schemas:record').toBe(generateValidatorModule());
  });

  it('count maxLength in code points, as Ajv does', async () => {
    const { default: ajvLength } = (await import('ajv/dist/runtime/ucs2length.js')) as unknown as { default: { default: (s: string) => number } | ((s: string) => number) };
    const reference = typeof ajvLength === 'function' ? ajvLength : ajvLength.default;
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => ucs2length(s) === reference(s)));
    expect(ucs2length('a😀b')).toBe(3);
    expect(ucs2length('\ud83d')).toBe(1);
  });
});
