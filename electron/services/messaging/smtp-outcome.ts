/**
 * What an SMTP failure means for the patient (docs/design.md invariant 5). A reply code is the
 * server's decision: 5xx refuses for good, 4xx for now. Without a reply (the connection
 * dropped or timed out) it depends on how far the session got: before the server said
 * "go ahead" to DATA it cannot have the message, so a retry is safe; once the message was
 * handed over it may have it, so the outcome is `unknown` and staff decide. Node-only;
 * imported by email-transport.ts.
 */
import type { SendOutcome } from './types.js';
import { text } from '../../../shared/i18n/text.js';

/** The parts of a nodemailer error that say what happened (NodemailerError, loosely). */
interface SmtpError {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
}

// nodemailer codes for a connection that failed or went quiet without the server answering.
const NETWORK_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EPROXY']);

export function smtpFailure(error: unknown, host: string, handedOver: boolean): SendOutcome {
  const err: SmtpError = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const code = typeof err.code === 'string' ? err.code : '';
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : 0;
  const reply = typeof err.response === 'string' ? err.response.trim() : '';
  if (responseCode >= 500) {
    return { outcome: 'failed', retryable: false, detail: text(code === 'EAUTH' ? 'email.detail.refusedLogin' : 'email.detail.refused', { host, reply }), segments: 1 };
  }
  if (responseCode >= 400) {
    return { outcome: 'failed', retryable: true, detail: text('email.detail.refusedForNow', { host, reply }), segments: 1 };
  }
  if (NETWORK_CODES.has(code)) {
    const why = describeNetwork(err, code);
    if (handedOver) {
      return { outcome: 'unknown', detail: text('email.detail.lostAfterHandover', { why, host }), segments: 1 };
    }
    return { outcome: 'failed', retryable: true, detail: text('email.detail.lostBeforeSend', { why, host }), segments: 1 };
  }
  // Anything else (a bad address, missing credentials, a compose error) will fail the
  // same way again, so it is not retried.
  return { outcome: 'failed', retryable: false, detail: text('email.detail.notSent', { error: String(err.message ?? code) }), segments: 1 };
}

/** What went wrong with the connection: a `why` the messages select their words by. */
function describeNetwork(err: SmtpError, code: string): 'refused' | 'timeout' | 'dns' | 'tls' | 'lost' {
  const original = typeof err.originalCode === 'string' ? err.originalCode : '';
  if (original === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code === 'EDNS') return 'dns';
  if (code === 'ETLS') return 'tls';
  return 'lost';
}
