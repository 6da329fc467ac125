/**
 * Counts this desk's changes that the server has not taken yet, for the sync
 * indicator. A local write marks its document pending; a successful push of that
 * document's latest state clears it. Writes made by the replication itself (pulled
 * from the server) are not the desk's own and are not counted.
 */
import { BehaviorSubject } from 'rxjs';

export class PendingChanges {
  private readonly marks = new Map<string, number>();
  private counter = 0;
  readonly count$ = new BehaviorSubject(0);

  /** A local write to a document. */
  mark(collection: string, id: string): void {
    this.marks.set(`${collection}/${id}`, ++this.counter);
    this.count$.next(this.marks.size);
  }

  /** Taken before a push: which version of each document is being sent. */
  snapshot(collection: string, ids: readonly string[]): Map<string, number | undefined> {
    return new Map(ids.map((id) => [id, this.marks.get(`${collection}/${id}`)]));
  }

  /** After the server took a push: clear what was not changed again meanwhile. */
  settle(collection: string, snapshot: Map<string, number | undefined>): void {
    for (const [id, mark] of snapshot) {
      const key = `${collection}/${id}`;
      if (mark !== undefined && this.marks.get(key) === mark) this.marks.delete(key);
    }
    this.count$.next(this.marks.size);
  }
}
