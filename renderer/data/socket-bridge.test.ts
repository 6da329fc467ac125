/**
 * The desk-service link in browser host mode finds its host again by itself: tried again at
 * least every RETRY_MAX_MS however long the host was away, an attempt that hangs is given up
 * and tried again, and on each reopening the page's database is announced again and what was
 * asked meanwhile is sent. A fake socket and a fake clock, so no time passes for real.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../shared/contract/index.js';
import { CONNECT_TIMEOUT_MS, createSocketBridge, type BridgeTimers } from './socket-bridge.js';

/** Timers that run only when the test moves the clock. */
class FakeClock implements BridgeTimers {
  now = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Moves the clock on, running each timer that falls due, in order. */
  pass(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.run();
    }
    this.now = until;
  }
}

/** What the host does with each attempt: nothing yet (it hangs), refuse it, or accept it. */
class FakeSockets {
  readonly made: FakeSocket[] = [];
  readonly clock: FakeClock;
  constructor(clock: FakeClock) {
    this.clock = clock;
  }
  get latest(): FakeSocket {
    return this.made[this.made.length - 1]!;
  }
  /** When each attempt was made, on the fake clock. */
  get attemptsAt(): number[] {
    return this.made.map((s) => s.at);
  }
  readonly Impl = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const sockets = this;
    return class {
      onopen: (() => void) | null = null;
      onclose: (() => void) | null = null;
      onmessage: ((e: { data: string }) => void) | null = null;
      onerror: (() => void) | null = null;
      readonly sent: string[] = [];
      readonly at = sockets.clock.now;
      closedByPage = false;
      constructor(readonly url: string) {
        sockets.made.push(this as unknown as FakeSocket);
      }
      send(data: string) { this.sent.push(data); }
      close() { this.closedByPage = true; }
    };
  })() as unknown as typeof WebSocket;
}
interface FakeSocket {
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onmessage: ((e: { data: string }) => void) | null;
  readonly sent: string[];
  readonly at: number;
  closedByPage: boolean;
}

function bridgeOnFakes() {
  const clock = new FakeClock();
  const sockets = new FakeSockets(clock);
  const connection: boolean[] = [];
  const bridge = createSocketBridge({ url: 'ws://127.0.0.1:4317/link', WebSocketImpl: sockets.Impl, timers: clock, onConnection: (c) => connection.push(c) });
  return { clock, sockets, connection, bridge };
}

const framesOf = (socket: FakeSocket) => socket.sent.map((s) => decodeFrame(s));

describe('the desk-service link in browser host mode', () => {
  it('tries again at least every 2 s while the host is away, however long, and is linked again when it is back', () => {
    const { clock, sockets, connection } = bridgeOnFakes();
    sockets.latest.onopen!();
    expect(connection).toEqual([true]);

    // The host restarts and stays away for a minute: every attempt is refused at once.
    sockets.latest.onclose!();
    expect(connection).toEqual([true, false]);
    const wentAt = clock.now;
    for (let t = 0; t < 60_000; t += 100) {
      clock.pass(100);
      const s = sockets.latest;
      if (s.at === clock.now && s.onclose) s.onclose();
    }
    const gaps = sockets.attemptsAt.slice(1).map((at, i, all) => at - (i === 0 ? wentAt : all[i - 1]!));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2_000);
    expect(gaps.slice(0, 4)).toEqual([200, 400, 800, 1600]);

    // Back: the next attempt, within 2 s, opens.
    const before = sockets.made.length;
    clock.pass(2_000);
    expect(sockets.made.length).toBe(before + 1);
    sockets.latest.onopen!();
    expect(connection).toEqual([true, false, true]);
  });

  it('gives up an attempt that neither opens nor fails, and tries again', () => {
    const { clock, sockets, connection } = bridgeOnFakes();
    sockets.latest.onopen!();
    sockets.latest.onclose!();
    clock.pass(200);
    const hung = sockets.latest;
    expect(sockets.made).toHaveLength(2);
    // The host accepts the connection but never answers the handshake.
    clock.pass(CONNECT_TIMEOUT_MS);
    expect(hung.closedByPage).toBe(true);
    clock.pass(2_000);
    expect(sockets.made).toHaveLength(3);
    sockets.latest.onopen!();
    // A late close of the abandoned socket changes nothing.
    hung.onclose?.();
    expect(connection).toEqual([true, false, true]);
  });

  it("announces the page's database again on each opening, sends what was asked meanwhile, and answers what the host left unanswered", async () => {
    const { clock, sockets, bridge } = bridgeOnFakes();
    bridge.storage.ready();
    sockets.latest.onopen!();
    expect(framesOf(sockets.latest)).toEqual([{ t: 'storage-ready' }]);
    const lost = bridge.invoke('app.info', undefined);
    sockets.latest.onclose!();
    await expect(lost).rejects.toThrow(/desk service restarted before answering/);

    const asked = bridge.invoke('staff.current', undefined);
    clock.pass(200);
    sockets.latest.onopen!();
    const frames = framesOf(sockets.latest);
    expect(frames[0]).toEqual({ t: 'storage-ready' });
    expect(frames[1]).toMatchObject({ t: 'req', channel: 'staff.current' });
    const id = (frames[1] as { id: number }).id;
    sockets.latest.onmessage!({ data: JSON.stringify({ t: 'res', id, ok: true, value: null }) });
    await expect(asked).resolves.toBeNull();
  });

  it('stops trying once the page closes it', () => {
    const { clock, sockets, bridge } = bridgeOnFakes();
    sockets.latest.onopen!();
    bridge.close();
    sockets.latest.onclose!();
    clock.pass(60_000);
    expect(sockets.made).toHaveLength(1);
  });
});
