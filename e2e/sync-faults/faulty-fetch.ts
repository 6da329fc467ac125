/**
 * A desk's network for the fault suite: real fetch to the real server, with faults
 * switched on by the test — the desk goes offline, a push's response is lost after
 * the server committed it, a push is sent twice, the change stream drops.
 */
export interface FaultCounters {
  offlineRefusals: number;
  droppedPushResponses: number;
  duplicatedPushes: number;
  droppedStreams: number;
  /** Requests that sent commands whole (POST /v1/sync/commands). */
  commandRequests: number;
}

export class FaultyNetwork {
  offline = false;
  /** Chance that a push's response is thrown away after the server has committed it. */
  dropPushResponse = 0;
  /** Chance that a push is sent twice (the second answer is the one the desk sees). */
  duplicatePush = 0;
  readonly counters: FaultCounters = { offlineRefusals: 0, droppedPushResponses: 0, duplicatedPushes: 0, droppedStreams: 0, commandRequests: 0 };
  private readonly streams = new Set<AbortController>();

  constructor(private readonly random: () => number) {}

  /** Cuts every open change stream (the desk reconnects by itself). */
  dropStreams(): void {
    for (const c of this.streams) c.abort();
    this.counters.droppedStreams += this.streams.size;
    this.streams.clear();
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (this.offline) {
      this.counters.offlineRefusals++;
      throw new TypeError('fetch failed (desk offline)');
    }
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/stream')) {
      const controller = new AbortController();
      init?.signal?.addEventListener('abort', () => controller.abort());
      this.streams.add(controller);
      const res = await fetch(input, { ...init, signal: controller.signal });
      return res;
    }
    // A whole command is a push too: its answer may be lost after the server committed it.
    const isPush = url.includes('/push') || url.endsWith('/commands');
    if (url.endsWith('/commands')) this.counters.commandRequests++;
    if (isPush && this.random() < this.duplicatePush) {
      this.counters.duplicatedPushes++;
      await fetch(input, init).then((r) => r.text()).catch(() => undefined);
    }
    const res = await fetch(input, init);
    if (isPush && this.random() < this.dropPushResponse) {
      await res.text();
      this.counters.droppedPushResponses++;
      throw new TypeError('fetch failed (response lost after commit)');
    }
    return res;
  };
}
