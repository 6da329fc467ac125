/**
 * Every schema a desk may hold, recorded once per version in schema-history.json. A schema
 * that differs from the recorded one at its version fails here: bump the version, add its
 * migration (migrations.ts) and record it with `npm run schemas:record`, which adds new
 * versions and never rewrites a recorded one (docs/decisions/0014-schema-versions.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionSchemas, COLLECTION_NAMES } from './index.js';
import { migrationStrategies } from './migrations.js';

const FILE = path.join(import.meta.dirname, 'schema-history.json');
type History = Record<string, Record<string, unknown>>;
const read = (): History => JSON.parse(fs.readFileSync(FILE, 'utf8')) as History;
/** As stored: JSON, so the comparison sees what RxDB hashes. */
const plain = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema));

if (process.env.SCHEMA_HISTORY === 'record') {
  const history: History = fs.existsSync(FILE) ? read() : {};
  for (const name of COLLECTION_NAMES) {
    const schema = collectionSchemas[name];
    const versions = (history[name] ??= {});
    versions[String(schema.version)] ??= plain(schema);
  }
  fs.writeFileSync(FILE, `${JSON.stringify(history, null, 1)}\n`);
}

describe('schema history', () => {
  const history = read();

  it.each(COLLECTION_NAMES)('%s is recorded at its version, unchanged', (name) => {
    const schema = collectionSchemas[name];
    expect(history[name]?.[String(schema.version)], `${name} version ${schema.version} is not in schema-history.json: run npm run schemas:record`).toBeDefined();
    expect(plain(schema), `${name} changed without a new version: bump its version, add a migration, run npm run schemas:record`).toEqual(history[name]![String(schema.version)]);
  });

  it.each(COLLECTION_NAMES)('%s has every version from 0 recorded and a migration to each', (name) => {
    const current = collectionSchemas[name].version;
    for (let v = 0; v <= current; v++) {
      expect(history[name]?.[String(v)], `${name} version ${v} is missing from the history`).toBeDefined();
      expect((history[name]![String(v)] as { version: number }).version).toBe(v);
      if (v > 0) expect(migrationStrategies[name][v], `${name} has no migration to version ${v}`).toBeTypeOf('function');
    }
    expect(Object.keys(history[name]!).map(Number).every((v) => v <= current), `${name}: the history holds a version newer than the code`).toBe(true);
  });
});
