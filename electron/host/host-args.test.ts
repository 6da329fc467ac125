import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, DEFAULT_SERVER_PORT, parseHostArgs } from './host-args.js';

describe('parseHostArgs', () => {
  it('defaults to a fixed port, no demo, and opening a browser', () => {
    expect(parseHostArgs([], {})).toEqual({ port: DEFAULT_PORT, demo: null, open: true, serverPort: DEFAULT_SERVER_PORT, sandboxPort: 4319, resetSecretOf: null });
  });

  it('reads port, demo size and --no-open', () => {
    expect(parseHostArgs(['--port', '5000', '--demo', '--no-open', '--server-port=5001', '--sandbox-port', '0'], {})).toEqual({ port: 5000, demo: {}, open: false, serverPort: 5001, sandboxPort: 0, resetSecretOf: null });
    expect(parseHostArgs(['--demo=20000'], { FRONTDESK_PORT: '0' })).toMatchObject({ port: 0, demo: { bookings: 20000, practitioners: 12, clients: 2500 } });
  });

  it('refuses unknown options and bad values with a clear message', () => {
    expect(() => parseHostArgs(['--demo=lots'], {})).toThrow(/--demo takes a number of bookings/);
    expect(() => parseHostArgs(['--port', '99999'], {})).toThrow(/not a port number/);
    expect(() => parseHostArgs(['--fast'], {})).toThrow(/Unknown option "--fast"/);
    expect(() => parseHostArgs(['--reset-secret'], {})).toThrow(/name as it is written on the sign-in screen/);
  });

  it('reads whose secret to reset', () => {
    expect(parseHostArgs(['--reset-secret', ' Astrid Solberg '], {})).toMatchObject({ resetSecretOf: 'Astrid Solberg' });
    expect(parseHostArgs(['--reset-secret=Rita'], {})).toMatchObject({ resetSecretOf: 'Rita' });
  });
});
