import { describe, it, expect } from 'vitest';
import { collectionSchemas, COLLECTION_NAMES } from './index.js';

type Prop = { type?: string; maxLength?: number; minimum?: number; maximum?: number; multipleOf?: number };

/** Indexed fields RxDB cannot build index strings for: strings need maxLength, numbers min/max/multipleOf. */
function unindexableFields(): string[] {
  const bad: string[] = [];
  for (const name of COLLECTION_NAMES) {
    const schema = collectionSchemas[name] as unknown as { properties: Record<string, Prop>; indexes?: readonly (string | readonly string[])[] };
    for (const index of schema.indexes ?? []) {
      for (const field of typeof index === 'string' ? [index] : index) {
        const prop = schema.properties[field];
        const ok = prop !== undefined && (
          (prop.type === 'string' && prop.maxLength !== undefined)
          || ((prop.type === 'integer' || prop.type === 'number') && prop.minimum !== undefined && prop.maximum !== undefined && prop.multipleOf !== undefined)
          || prop.type === 'boolean');
        if (!ok) bad.push(`${name}.${field}`);
      }
    }
  }
  return [...new Set(bad)];
}

describe('collection schemas', () => {
  it('has at most 10 collections (docs/design.md invariant 10)', () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(10);
  });

  it('every indexed field can be indexed by RxDB', () => {
    expect(unindexableFields()).toEqual([]);
  });
});
