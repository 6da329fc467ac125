import { describe, expect, it } from 'vitest';
import { StreamHub, type StreamClient } from './stream-hub.js';

function client(clinicId: string, deviceId = 'd1') {
  const events: unknown[] = [];
  let ended = 0;
  const c: StreamClient = { clinicId, deviceId, send: (e) => events.push(e), end: () => { ended++; } };
  return { c, events, ended: () => ended };
}

describe('StreamHub', () => {
  it('tells only the clinic that changed', () => {
    const hub = new StreamHub();
    const a = client('A');
    const b = client('B');
    hub.add(a.c);
    hub.add(b.c);
    hub.publish('A', { type: 'changed', collections: ['bookings'], seq: 3 });
    expect(a.events).toHaveLength(1);
    expect(b.events).toHaveLength(0);
  });

  it('says which limit one more stream would break, and forgets a removed stream', () => {
    const hub = new StreamHub({ perDevice: 2, perClinic: 3 });
    const removeFirst = hub.add(client('A', 'd1').c);
    hub.add(client('A', 'd1').c);
    expect(hub.fullFor('A', 'd1')).toBe('device');
    expect(hub.fullFor('A', 'd2')).toBeNull();
    hub.add(client('A', 'd2').c);
    expect(hub.fullFor('A', 'd3')).toBe('clinic');
    expect(hub.fullFor('B', 'd1')).toBeNull();
    removeFirst();
    expect(hub.fullFor('A', 'd1')).toBeNull();
    expect(new StreamHub().limits).toEqual({ perDevice: 4, perClinic: 200 });
  });

  it('ends a stream that connects after the server began closing, so close never waits for it', async () => {
    const hub = new StreamHub();
    const early = client('A');
    hub.add(early.c);
    hub.endAll();
    expect(early.ended()).toBe(1);
    const late = client('A', 'd2');
    hub.add(late.c);
    await Promise.resolve();
    expect(late.ended()).toBe(1);
  });
});
