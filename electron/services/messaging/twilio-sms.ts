/**
 * One SMS through a Twilio-shaped REST API (Twilio itself, or a local stand-in in tests):
 * POST …/2010-04-01/Accounts/{sid}/Messages.json, form-encoded To/From/Body, HTTP Basic
 * auth, and the message key as I-Twilio-Idempotency-Token so a repeated request is one
 * message. Node-only (main process); imported by sms-transport.ts. The auth token never
 * appears in an outcome (docs/design.md invariant 6).
 */
import type { SendOutcome } from './types.js';
import { redactSecrets } from './redact.js';
import { redactDetail } from './outcome-detail.js';
import { text } from '../../../shared/i18n/text.js';

export interface TwilioConfig {
  readonly kind: 'twilio';
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** A sender number or alphanumeric id, or a Messaging Service SID (MG…). */
  readonly from: string;
  /** How long to wait for Twilio's answer (ms); 30 s by default. */
  readonly timeoutMs?: number;
}

export interface TwilioSms {
  readonly key: string;
  readonly to: string;
  readonly body: string;
  readonly segments: number;
}

// Errors that fetch (undici) reports only when no connection was made: the request
// cannot have reached Twilio, so sending again is safe.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export async function sendTwilioSms(config: TwilioConfig, sms: TwilioSms): Promise<SendOutcome> {
  const secrets = [config.authToken];
  const url = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const form = new URLSearchParams({ To: sms.to, Body: sms.body });
  form.set(/^MG[0-9a-f]{32}$/i.test(config.from) ? 'MessagingServiceSid' : 'From', config.from);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? 30_000);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'I-Twilio-Idempotency-Token': sms.key,
        },
        body: form,
        // A redirect would re-send the request somewhere we did not choose.
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (error) {
      return fetchFailure(error, sms.segments, secrets);
    }
    const reply = await readJson(response);
    return answer(response.status, reply, sms.segments, secrets);
  } finally {
    clearTimeout(timer);
  }
}

function answer(status: number, reply: Record<string, unknown> | null, segments: number, secrets: string[]): SendOutcome {
  if (status >= 200 && status < 300) {
    const sid = typeof reply?.sid === 'string' ? reply.sid : '';
    // Twilio sends num_segments as a string; it is what the clinic is billed for.
    const counted = Number(reply?.num_segments);
    const billed = Number.isInteger(counted) && counted > 0 ? counted : segments;
    const state = typeof reply?.status === 'string' ? reply.status : '';
    return { outcome: 'sent', detail: text('sms.detail.accepted', { state, hasState: state ? 'yes' : 'no' }), segments: billed, providerId: sid };
  }
  const code = typeof reply?.code === 'number' || typeof reply?.code === 'string' ? String(reply.code) : '';
  const words = redactSecrets(typeof reply?.message === 'string' ? reply.message : `HTTP ${status}`, secrets);
  const values = { code, hasCode: code ? 'yes' : 'no', words };
  if (status === 429 || status >= 500) {
    return { outcome: 'failed', retryable: true, detail: redactDetail(text('sms.detail.notNow', values), secrets), segments };
  }
  return { outcome: 'failed', retryable: false, detail: redactDetail(text('sms.detail.refused', values), secrets), segments };
}

function fetchFailure(error: unknown, segments: number, secrets: string[]): SendOutcome {
  const codes = errorCodes(error);
  if (codes.some((c) => NOT_SENT_CODES.has(c))) {
    return { outcome: 'failed', retryable: true, detail: text('sms.detail.unreachable', { codes: codes.join(', ') }), segments };
  }
  // Our timeout, or a connection that broke once the request was on its way: Twilio may
  // have the message, so it is not sent again by itself (docs/design.md invariant 5).
  const detail = (error as Error | null)?.name === 'AbortError'
    ? text('sms.detail.timeoutAfterHandover')
    : text('sms.detail.brokeAfterHandover', { codes: codes.join(', '), hasCodes: codes.length > 0 ? 'yes' : 'no' });
  return { outcome: 'unknown', detail: redactDetail(detail, secrets), segments };
}

/** fetch wraps the socket error in `cause`; connecting over IPv4 and IPv6 can give several. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (typeof e !== 'object' || e === null || depth > 3) return;
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await response.text());
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    // An HTML error page from a proxy, or a body cut off by the timeout: the status decides.
    return null;
  }
}
