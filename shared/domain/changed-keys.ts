/**
 * Which top-level fields differ between two versions of a document, for the permission
 * rules that allow some changes to fewer people (invoice-permissions.ts, staff-permissions.ts).
 * Pure; importable from every runtime.
 */
type DocumentLike = Readonly<Record<string, unknown>>;

export function changedKeys(a: DocumentLike, b: DocumentLike): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
