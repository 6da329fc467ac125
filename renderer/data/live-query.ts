/**
 * React hooks over RxDB's live queries: the component re-renders when the result
 * changes, whoever changed it (this desk's UI, the main process, or sync).
 */
import { useEffect, useState } from 'react';
import type { RxDocument, RxQuery } from 'rxdb';

/** Results as plain objects; `undefined` until the first result arrives. */
export function useLiveQuery<T>(makeQuery: () => RxQuery<T, RxDocument<T>[]> | null, deps: readonly unknown[]): T[] | undefined {
  const [state, setState] = useState<{ key: readonly unknown[]; docs: T[] } | undefined>(undefined);
  useEffect(() => {
    const query = makeQuery();
    if (!query) return;
    const sub = query.$.subscribe((docs) => setState({ key: deps, docs: docs.map((d) => d.toJSON() as T) }));
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  // Results of a previous query are not shown for a new one (e.g. last week's bookings).
  return state && sameDeps(state.key, deps) ? state.docs : undefined;
}

/** One document by primary key; `null` when it does not exist, `undefined` while loading. */
export function useLiveDocument<T>(makeQuery: () => RxQuery<T, RxDocument<T> | null> | null, deps: readonly unknown[]): T | null | undefined {
  const [state, setState] = useState<{ key: readonly unknown[]; doc: T | null } | undefined>(undefined);
  useEffect(() => {
    const query = makeQuery();
    if (!query) return;
    const sub = query.$.subscribe((doc) => setState({ key: deps, doc: doc ? (doc.toJSON() as T) : null }));
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state && sameDeps(state.key, deps) ? state.doc : undefined;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
