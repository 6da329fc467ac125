/**
 * Everything the renderer may ask the main process, and every event main sends back:
 * the one place a channel name is written. The preload's allow-list, main's handler
 * table (typed so a missing handler fails to compile) and the renderer's client type
 * are all derived from these two objects. Importable from every runtime.
 */
import { returnPageRefusal } from '../domain/return-page.js';
import { RefusedError } from '../domain/result.js';
import { text, type Text } from '../i18n/text.js';
import { ContractError, event, noInput, objectInput, request } from './define.js';
import type { DeviceInfo, EnrollmentCode, WireDocument } from '../sync/protocol.js';
import type { MessageId } from '../i18n/catalogues/index.js';

export type HostKind = 'electron' | 'browser-host';

export interface AppInfo {
  readonly version: string;
  readonly host: HostKind;
  /** Where main keeps its files (the renderer's data is in the browser profile). */
  readonly dataDir: string;
  /** Started with the demo flag: main seeds a demo clinic into an empty store. */
  readonly demo: boolean;
  /** The configured sync server, or null when this desk runs standalone. */
  readonly syncServerUrl: string | null;
  /** This desk's id, recorded with every change it makes (docs/design.md invariant 11). */
  readonly deskId: string;
}

export interface MainStatus {
  /** Main has the renderer's database open through remote storage. */
  readonly databaseConnected: boolean;
  /** Work main is doing that the desk should show, e.g. seeding the demo clinic (a catalogue id). */
  readonly busy: MessageId | null;
}

/** This desk's link to the clinic's sync server (null: a standalone desk). */
export interface DeskSyncConfig {
  readonly serverUrl: string;
  readonly clinicId: string;
  readonly deviceId: string;
  /** The desk's credential; the renderer's replication sends it to the server. */
  readonly deviceToken: string;
  /** The server runs inside this desk's own process. */
  readonly embedded: boolean;
}

export type CreateClinicTarget =
  | { readonly kind: 'embedded' }
  | { readonly kind: 'remote'; readonly serverUrl: string; readonly adminSecret: string };

export interface CreateClinicInput {
  readonly clinicName: string;
  /** The clinic's first admin: the staff document the desk made at setup. */
  readonly admin: WireDocument;
  readonly deviceName: string;
  readonly target: CreateClinicTarget;
}

function str(value: unknown, name: string, max = 500): string {
  if (typeof value !== 'string' || value.length > max) throw new ContractError(`${name} must be a string`);
  return value;
}

function parseCreateClinic(input: unknown): CreateClinicInput {
  const o = objectInput(input);
  const target = objectInput(o.target);
  const admin = objectInput(o.admin);
  str(admin.id, 'admin.id', 40);
  return {
    clinicName: str(o.clinicName, 'clinicName', 120),
    admin: { ...admin, id: admin.id as string, _deleted: false },
    deviceName: str(o.deviceName, 'deviceName', 80),
    target: target.kind === 'embedded'
      ? { kind: 'embedded' }
      : { kind: 'remote', serverUrl: str(target.serverUrl, 'serverUrl', 300), adminSecret: str(target.adminSecret, 'adminSecret', 300) },
  };
}

function parseEnroll(input: unknown): { serverUrl: string; code: string; deviceName: string } {
  const o = objectInput(input);
  return { serverUrl: str(o.serverUrl, 'serverUrl', 300), code: str(o.code, 'code', 40), deviceName: str(o.deviceName, 'deviceName', 80) };
}

function parseStaff(input: unknown): { staffId: string } {
  return { staffId: str(objectInput(input).staffId, 'staffId', 40) };
}

function parseRevoke(input: unknown): { staffId: string; deviceId: string } {
  const o = objectInput(input);
  return { staffId: str(o.staffId, 'staffId', 40), deviceId: str(o.deviceId, 'deviceId', 80) };
}

/** What main answers to "Print / Save as PDF". */
export interface SavePdfResult {
  /** A file was written (false when staff cancelled the save dialog, or on fallback). */
  readonly saved: boolean;
  readonly path: string | null;
  /** This host cannot make PDFs itself (browser host): the page uses the browser's print dialog. */
  readonly fallback: boolean;
}

/** A file name for the save dialog: one line of text, no path. Main cleans it further. */
export function parseSavePdf(input: unknown): { suggestedName: string } {
  const name = str(objectInput(input).suggestedName, 'suggestedName', 200).trim();
  if (name === '') throw new ContractError('suggestedName must not be empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(name)) throw new ContractError('suggestedName must be a file name, without control characters or slashes');
  return { suggestedName: name };
}

/** What one pass of main's scheduler did (payments.sendDue). */
export interface SchedulerReport {
  readonly sent: number;
  readonly failed: number;
  readonly unknown: number;
  readonly expired: number;
}

/** A message in the outbox folder (email or SMS written instead of sent). */
export interface OutboxEntry {
  readonly key: string;
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly link: string;
  readonly at: string;
}

/** Refund to card: who asks (main checks they are signed in with billing), the command's operation, the client, the amount typed. */
export interface RefundToCardInput {
  readonly staffId: string;
  readonly operationId: string;
  readonly clientId: string;
  readonly amount: string;
}

/** What became of a Refund to card: the provider confirmed it, and the refund is on the books. */
export interface RefundToCardResult {
  readonly outcome: 'recorded';
  readonly amountMinor: number;
}

export function parseRefundToCard(input: unknown): RefundToCardInput {
  const o = objectInput(input);
  const id = (v: unknown, field: string) => {
    const value = str(v, field, 40);
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new ContractError(`${field} must be an id`);
    return value;
  };
  return { staffId: id(o.staffId, 'staffId'), operationId: id(o.operationId, 'operationId'), clientId: id(o.clientId, 'clientId'), amount: str(o.amount, 'amount', 20) };
}

export function parseRequestId(input: unknown): { requestId: string } {
  const id = str(objectInput(input).requestId, 'requestId', 40);
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new ContractError('requestId must be an id');
  return { requestId: id };
}

/** Which credentials main holds — never the secrets themselves. */
export interface ConnectionsStatus {
  /** 'encrypted': the OS keychain (desktop app); 'file': a file only this user can read (browser host). */
  readonly storage: 'encrypted' | 'file';
  /** Why credentials cannot be stored on this desk, in words for the reader's language, or null. */
  readonly storageProblem: Text | null;
  /** `returnUrl`: the page after paying; '' when a key was stored before it was asked for. */
  readonly stripe: { readonly mode: 'test' | 'live'; readonly returnUrl: string } | null;
  readonly smtp: { readonly host: string; readonly port: number; readonly secure: boolean; readonly user: string; readonly fromAddress: string } | null;
  readonly sms: { readonly baseUrl: string; readonly accountSid: string; readonly from: string } | null;
}

export type ConnectionKind = 'stripe' | 'smtp' | 'sms';

export type ConnectionInput =
  /** `returnUrl`: where Stripe sends the client after paying (shared/domain/return-page.ts). */
  | { readonly staffId: string; readonly kind: 'stripe'; readonly secretKey: string; readonly returnUrl: string }
  | { readonly staffId: string; readonly kind: 'smtp'; readonly host: string; readonly port: number; readonly secure: boolean; readonly user: string; readonly password: string; readonly fromAddress: string }
  | { readonly staffId: string; readonly kind: 'sms'; readonly baseUrl: string; readonly accountSid: string; readonly authToken: string; readonly from: string };

/** A connection form's value that staff typed wrong: a refusal in their words (the envelope carries it to the screen). */
const refused = (id: MessageId) => new RefusedError({ text: text(id) });

export function parseConnection(input: unknown): ConnectionInput {
  const o = objectInput(input);
  const staffId = str(o.staffId, 'staffId', 40);
  if (o.kind === 'stripe') {
    const secretKey = str(o.secretKey, 'secretKey', 300).trim();
    if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/.test(secretKey)) throw refused('connections.refused.stripeKey');
    const returnUrl = str(o.returnUrl ?? '', 'returnUrl', 400).trim();
    const badPage = returnPageRefusal(returnUrl);
    if (badPage) throw new RefusedError({ text: badPage });
    return { staffId, kind: 'stripe', secretKey, returnUrl };
  }
  if (o.kind === 'smtp') {
    const port = o.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw refused('connections.refused.smtpPort');
    const host = str(o.host, 'host', 200).trim();
    if (!/^[A-Za-z0-9.-]+$/.test(host)) throw refused('connections.refused.smtpHost');
    const fromAddress = str(o.fromAddress, 'fromAddress', 200).trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fromAddress)) throw refused('connections.refused.fromAddress');
    return { staffId, kind: 'smtp', host, port, secure: o.secure === true, user: str(o.user, 'user', 200), password: str(o.password, 'password', 300), fromAddress };
  }
  if (o.kind === 'sms') {
    const baseUrl = str(o.baseUrl, 'baseUrl', 300).trim();
    if (!/^https:\/\/[^\s]+$/.test(baseUrl)) throw refused('connections.refused.smsAddress');
    return { staffId, kind: 'sms', baseUrl, accountSid: str(o.accountSid, 'accountSid', 100).trim(), authToken: str(o.authToken, 'authToken', 300), from: str(o.from, 'from', 40).trim() };
  }
  throw new ContractError('kind must be stripe, smtp or sms');
}

export function parseClearConnection(input: unknown): { staffId: string; kind: ConnectionKind } {
  const o = objectInput(input);
  if (o.kind !== 'stripe' && o.kind !== 'smtp' && o.kind !== 'sms') throw new ContractError('kind must be stripe, smtp or sms');
  return { staffId: str(o.staffId, 'staffId', 40), kind: o.kind };
}

/** What main answers to a sign-in (docs/decisions/0023-staff-sign-in.md). */
export type SignInAnswer =
  | { readonly outcome: 'signed_in'; readonly staffId: string }
  /**
   * They choose a secret: they have none yet (new, or reset by an admin), or — `stronger` —
   * the one they typed was right but no longer meets the rule for their roles (a receptionist
   * with a PIN given billing or admin): they choose a new one before they are signed in,
   * within minutes, by handing `token` back to staff.chooseSecret; `reason` says why.
   */
  | { readonly outcome: 'choose_secret'; readonly stronger?: { readonly token: string; readonly reason: Text } }
  /** Wrong secret; `waitMs` is how long before the next try is checked (0: at once). */
  | { readonly outcome: 'wrong'; readonly waitMs: number }
  /** Too many wrong secrets: nothing was checked. */
  | { readonly outcome: 'wait'; readonly waitMs: number };

export type SecretKindInput = 'pin' | 'password';

function parseSignIn(input: unknown): { staffId: string; secret: string } {
  const o = objectInput(input);
  return { staffId: str(o.staffId, 'staffId', 40), secret: str(o.secret, 'secret', 400) };
}

function parseChooseSecret(input: unknown): { staffId: string; kind: SecretKindInput; secret: string; token?: string } {
  const o = objectInput(input);
  if (o.kind !== 'pin' && o.kind !== 'password') throw new ContractError('kind must be pin or password');
  const token = o.token === undefined ? undefined : str(o.token, 'token', 100);
  return { staffId: str(o.staffId, 'staffId', 40), kind: o.kind, secret: str(o.secret, 'secret', 400), ...(token !== undefined ? { token } : {}) };
}

function parseChangeSecret(input: unknown): { staffId: string; current: string; kind: SecretKindInput; secret: string } {
  const o = objectInput(input);
  if (o.kind !== 'pin' && o.kind !== 'password') throw new ContractError('kind must be pin or password');
  return { staffId: str(o.staffId, 'staffId', 40), current: str(o.current, 'current', 400), kind: o.kind, secret: str(o.secret, 'secret', 400) };
}

export const requests = {
  'app.info': request<AppInfo>()(noInput),
  'app.status': request<MainStatus>()(noInput),
  /** Who main has signed in on this desk (null: nobody; the desk shows only the sign-in screen). */
  'staff.current': request<string | null>()(noInput),
  /** Check a staff member's PIN or password in main; signs them in when it is right. */
  'staff.signIn': request<SignInAnswer>()(parseSignIn),
  /** A staff member without a secret chooses one; main hashes it, stores it and signs them in. */
  'staff.chooseSecret': request<SignInAnswer>()(parseChooseSecret),
  /** The signed-in staff member changes their own secret: main checks the current one first. */
  'staff.changeSecret': request<void>()(parseChangeSecret),
  /** Sign out (Switch user, the idle lock). */
  'staff.signOut': request<void>()(noInput),
  /** An admin takes a staff member's secret away; they choose a new one at their next sign-in. */
  'staff.resetSecret': request<void>()(parseStaff),
  'sync.config': request<DeskSyncConfig | null>()(noInput),
  /** Create the clinic on a sync server (or this desk's embedded one) from a set-up desk. */
  'sync.createClinic': request<DeskSyncConfig>()(parseCreateClinic),
  /** Join a clinic with an enrolment code from one of its admins. */
  'sync.enroll': request<DeskSyncConfig>()(parseEnroll),
  'sync.createEnrollmentCode': request<EnrollmentCode>()(parseStaff),
  'sync.devices': request<DeviceInfo[]>()(parseStaff),
  'sync.revokeDevice': request<void>()(parseRevoke),
  /** Sign this desk out of the clinic's sync server (revokes its token); it works standalone after. */
  'sync.leave': request<void>()(parseStaff),
  /** Save the page on screen (a print view) as a PDF: Electron writes it; the browser host falls back. */
  'print.savePdf': request<SavePdfResult>()(parseSavePdf),
  /** Run the scheduler now (a link to send now was just requested). */
  'payments.sendDue': request<SchedulerReport>()(noInput),
  /** Open a request's payment page: main opens it in the system browser, or answers `opened: false` with the URL. */
  'payments.openLink': request<{ opened: boolean; url: string }>()(parseRequestId),
  /** Refund to card: a refund of the client's credit to the card that paid a link (billing; decision 0030). */
  'payments.refundToCard': request<RefundToCardResult>()(parseRefundToCard),
  /** The outbox: messages written to the outbox folder because no SMTP server or SMS provider is set up. */
  'outbox.list': request<OutboxEntry[]>()(noInput),
  /** Which payment and messaging credentials this desk holds (never the secrets). */
  'connections.status': request<ConnectionsStatus>()(noInput),
  /** Store credentials in main (admins only; encrypted in the desktop app). */
  'connections.save': request<ConnectionsStatus>()(parseConnection),
  'connections.clear': request<ConnectionsStatus>()(parseClearConnection),
} as const;

export const events = {
  'app.status': event<MainStatus>(),
} as const;
