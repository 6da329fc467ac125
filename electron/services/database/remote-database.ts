/**
 * Keeps main's handle on the renderer's database current. Each time a renderer
 * announces its database (first load, reload, or the host's socket reconnecting),
 * the previous handle is dropped and a new one is opened over the new link; services
 * follow `database$`. Node-only.
 */
import { BehaviorSubject } from 'rxjs';
import { getRxStorageRemote } from 'rxdb/plugins/storage-remote';
import { createClinicDatabase, type ClinicDatabase } from '../../../shared/db/database.js';
import { DetachableChannel, type StorageLink } from './storage-link.js';

let attachCounter = 0;

export class RemoteDatabaseHub {
  readonly database$ = new BehaviorSubject<ClinicDatabase | null>(null);
  private current: { link: StorageLink; channel: DetachableChannel; db: Promise<ClinicDatabase | null> } | null = null;
  /**
   * The previous handle's close, still under way. RxDB refuses a second database of the same
   * name while the first is open in this process, so a renderer that reloads (joining a sync
   * server reloads it) must wait for its old handle to be closed before its new one opens —
   * else the new one fails and main is left without the database.
   */
  private closing: Promise<void> = Promise.resolve();

  /** Opens the database behind a newly announced link; resolves when services can use it. */
  async attach(link: StorageLink): Promise<ClinicDatabase> {
    await this.detach();
    await this.closing;
    const channel = new DetachableChannel(link);
    const storage = getRxStorageRemote({
      identifier: `renderer-${++attachCounter}`,
      mode: 'one',
      messageChannelCreator: () => Promise.resolve(channel),
    });
    // The renderer announces its database only once it is open, so migrated; main never
    // migrates (docs/decisions/0014-schema-versions.md).
    const opening = createClinicDatabase({ storage, migrate: false });
    this.current = { link, channel, db: opening.catch(() => null) };
    const db = await opening;
    if (this.current?.channel === channel) this.database$.next(db);
    return db;
  }

  isAttachedTo(link: StorageLink): boolean {
    return this.current?.link === link;
  }

  /** The renderer went away: fail its pending calls and close the stale handle. */
  async detach(): Promise<void> {
    const previous = this.current;
    if (!previous) return;
    this.current = null;
    previous.channel.detach();
    if (this.database$.value) this.database$.next(null);
    const closed = this.closing.then(async () => {
      const db = await previous.db;
      await db?.close().catch(() => undefined);
    });
    this.closing = closed;
    await closed;
  }

  async close(): Promise<void> {
    await this.detach();
    this.database$.complete();
  }
}
