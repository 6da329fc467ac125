import { afterEach, describe, expect, it, vi } from 'vitest';
import { Subject } from 'rxjs';
import type { RxDatabase } from 'rxdb';
import { exposeRxStorageRemote, type MessageFromRemote, type MessageToRemote } from 'rxdb/plugins/storage-remote';
import { openTestClinic } from '../../../shared/test-support/test-clinic.js';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import type { RemoteDatabaseHub as Hub } from './remote-database.js';
import type { StorageLink } from './storage-link.js';

/** A renderer's database lent to main over an in-process link, as the desk window lends it. */
function lend(database: ClinicDatabase): StorageLink {
  const calls = new Subject<MessageToRemote>();
  const answers = new Subject<MessageFromRemote>();
  exposeRxStorageRemote({ database: database as unknown as RxDatabase, messages$: calls.asObservable(), send: (msg) => answers.next(msg) });
  return { send: (msg) => queueMicrotask(() => calls.next(msg)), messages$: answers.asObservable() };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("main's handle on the renderer's database", () => {
  it('opens again when the window reloads at once, while the old handle is still closing', async () => {
    const renderer = await openTestClinic('hub');
    cleanups.push(() => renderer.db.close());
    // Main's side gets its own copy of RxDB, as in its own process (RxDB limits open collections per JS context).
    vi.resetModules();
    const { RemoteDatabaseHub } = await import('./remote-database.js');
    const hub: Hub = new RemoteDatabaseHub();
    cleanups.push(() => hub.close());
    await hub.attach(lend(renderer.db));
    // The old window's socket closes and the new window announces itself in the same moment.
    void hub.detach();
    const reopened = await hub.attach(lend(renderer.db));
    expect(hub.database$.value).toBe(reopened);
    expect(await reopened.staff.count().exec()).toBe(2);
  });
});
