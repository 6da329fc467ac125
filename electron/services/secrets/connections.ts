/**
 * Main's handlers for the clinic's payment and messaging credentials: what is set (never
 * the secret itself), saving and removing — admins only, checked here in main against the
 * staff member main has signed in (staff-auth; the renderer's claimed id must be theirs),
 * because the renderer never sees or sends a secret it did not just type.
 * Node-only; part of main-services.
 */
import type { ConnectionInput, ConnectionKind, ConnectionsStatus } from '../../../shared/contract/index.js';
import type { MessageId } from '../../../shared/i18n/text.js';
import type { Secrets, SecretStore } from './secret-store.js';

export interface Connections {
  readonly handlers: {
    'connections.status': () => ConnectionsStatus;
    'connections.save': (input: ConnectionInput) => Promise<ConnectionsStatus>;
    'connections.clear': (input: { staffId: string; kind: ConnectionKind }) => Promise<ConnectionsStatus>;
  };
  /** For main's own services only. */
  secrets(): Secrets;
}

/** Resolves when `claimed` is the signed-in staff member and an admin; throws the reason otherwise. `action`: what for. */
export type RequireAdmin = (claimed: string, action: MessageId) => Promise<unknown>;

export function createConnections(store: SecretStore, requireSignedInAdmin: RequireAdmin): Connections {
  const status = (): ConnectionsStatus => {
    const s = store.read();
    return {
      storage: store.kind,
      storageProblem: store.problem(),
      stripe: s.stripeSecretKey ? { mode: s.stripeSecretKey.includes('_live_') ? 'live' : 'test', returnUrl: s.stripeReturnUrl ?? '' } : null,
      smtp: s.smtp ? { host: s.smtp.host, port: s.smtp.port, secure: s.smtp.secure, user: s.smtp.user, fromAddress: s.smtp.fromAddress } : null,
      sms: s.sms ? { baseUrl: s.sms.baseUrl, accountSid: s.sms.accountSid, from: s.sms.from } : null,
    };
  };
  const requireAdmin = (staffId: string) => requireSignedInAdmin(staffId, 'connection.action.changeConnections');
  return {
    secrets: () => store.read(),
    handlers: {
      'connections.status': status,
      async 'connections.save'(input) {
        await requireAdmin(input.staffId);
        const current = store.read();
        if (input.kind === 'stripe') store.write({ ...current, stripeSecretKey: input.secretKey, stripeReturnUrl: input.returnUrl });
        else if (input.kind === 'smtp') {
          const { host, port, secure, user, password, fromAddress } = input;
          store.write({ ...current, smtp: { host, port, secure, user, password, fromAddress } });
        } else {
          const { baseUrl, accountSid, authToken, from } = input;
          store.write({ ...current, sms: { baseUrl, accountSid, authToken, from } });
        }
        return status();
      },
      async 'connections.clear'(input) {
        await requireAdmin(input.staffId);
        const next: { -readonly [K in keyof Secrets]: Secrets[K] } = { ...store.read() };
        if (input.kind === 'stripe') {
          delete next.stripeSecretKey;
          delete next.stripeReturnUrl;
        }
        else delete next[input.kind];
        store.write(next);
        return status();
      },
    },
  };
}
