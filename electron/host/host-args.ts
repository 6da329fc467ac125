/** The browser host's command line, parsed with clear refusals. Node-only. */
import { DEMO_DEFAULTS } from '../../shared/domain/demo-clinic.js';
import type { DemoRequest } from '../services/main-services.js';

export const DEFAULT_PORT = 4317;
export const DEFAULT_SERVER_PORT = 4318;
export const DEFAULT_SANDBOX_PORT = 4319;

export interface HostArgs {
  port: number;
  demo: DemoRequest | null;
  open: boolean;
  /** Where the embedded sync server listens when this desk hosts the clinic's server. */
  serverPort: number;
  /** The sandbox payment page (payment links in demos and tests). */
  sandboxPort: number;
  /** --reset-secret NAME: set a new PIN or password for this staff member (they forgot theirs). */
  resetSecretOf: string | null;
}

export function parseHostArgs(argv: readonly string[], env: NodeJS.ProcessEnv): HostArgs {
  const out: HostArgs = { port: DEFAULT_PORT, demo: null, open: true, serverPort: DEFAULT_SERVER_PORT, sandboxPort: DEFAULT_SANDBOX_PORT, resetSecretOf: null };
  if (env.FRONTDESK_PORT) out.port = checkPort(env.FRONTDESK_PORT);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-open') out.open = false;
    else if (arg === '--demo') out.demo = {};
    else if (arg.startsWith('--demo=')) out.demo = demoOfSize(arg.slice('--demo='.length));
    else if (arg === '--port') out.port = checkPort(argv[++i] ?? '');
    else if (arg === '--server-port') out.serverPort = checkPort(argv[++i] ?? '');
    else if (arg.startsWith('--server-port=')) out.serverPort = checkPort(arg.slice('--server-port='.length));
    else if (arg === '--sandbox-port') out.sandboxPort = checkPort(argv[++i] ?? '');
    else if (arg.startsWith('--sandbox-port=')) out.sandboxPort = checkPort(arg.slice('--sandbox-port='.length));
    else if (arg.startsWith('--port=')) out.port = checkPort(arg.slice('--port='.length));
    else if (arg === '--reset-secret') out.resetSecretOf = staffName(argv[++i] ?? '');
    else if (arg.startsWith('--reset-secret=')) out.resetSecretOf = staffName(arg.slice('--reset-secret='.length));
    else throw new Error(`Unknown option "${arg}". Options: --port N, --server-port N, --sandbox-port N, --demo[=bookings], --no-open, --reset-secret "Staff Name".`);
  }
  return out;
}

export function staffName(text: string): string {
  const name = text.trim();
  if (name === '' || name.length > 100) throw new Error('--reset-secret takes the staff member\'s name as it is written on the sign-in screen, e.g. --reset-secret "Astrid Solberg".');
  return name;
}

function checkPort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${text}" is not a port number (0–65535).`);
  return port;
}

function demoOfSize(text: string): DemoRequest {
  const bookings = Number(text);
  if (!Number.isInteger(bookings) || bookings < 0 || bookings > 200_000) throw new Error(`--demo takes a number of bookings up to 200000, not "${text}".`);
  // Bigger demos get more practitioners and clients, as a bigger clinic would have.
  const practitioners = bookings > DEMO_DEFAULTS.bookings ? 12 : DEMO_DEFAULTS.practitioners;
  return { bookings, practitioners, clients: Math.max(DEMO_DEFAULTS.clients, Math.round(bookings / 8)) };
}
