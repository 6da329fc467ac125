/**
 * A list kept in one local document of the desk's database (RxDB's local documents: never
 * synced, survives a reload), changed one write at a time per database so concurrent changes
 * never lose one another. Used by the Needs-attention list and the operations journal;
 * importable from every runtime.
 */
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import type { ClinicDatabase } from './database.js';

export interface LocalList<T> {
  read(db: ClinicDatabase): Promise<T[]>;
  watch(db: ClinicDatabase): Observable<T[]>;
  /** `change` returns its argument unchanged to write nothing. */
  change(db: ClinicDatabase, change: (entries: readonly T[]) => readonly T[]): Promise<void>;
}

interface ListData<T> {
  readonly entries: readonly T[];
}

export function localList<T>(id: string, cap: (entries: readonly T[]) => readonly T[] = (e) => e): LocalList<T> {
  const queues = new WeakMap<ClinicDatabase, Promise<unknown>>();
  const entriesOf = (doc: { get(key: string): unknown } | null) => [...((doc?.get('entries') as readonly T[] | undefined) ?? [])];
  return {
    read: async (db) => entriesOf(await db.getLocal<ListData<T>>(id)),
    watch: (db) => db.getLocal$<ListData<T>>(id).pipe(map(entriesOf)),
    change(db, change) {
      const run = async () => {
        const before = entriesOf(await db.getLocal<ListData<T>>(id));
        const after = change(before);
        if (after === before) return;
        await db.upsertLocal<ListData<T>>(id, { entries: [...cap(after)] });
      };
      const next = (queues.get(db) ?? Promise.resolve()).then(run, run);
      queues.set(db, next.catch(() => undefined));
      return next;
    },
  };
}
