import { describe, expect, it } from 'vitest';
import { RefusedError } from '../domain/result.js';
import { text } from '../i18n/text.js';
import { ContractError } from './define.js';
import { parseConnection } from './channels.js';
import { envelopeOf, refusalIn } from './refusal-envelope.js';

describe('a refusal from main', () => {
  it('crosses IPC as an envelope and is thrown again with its Text and field', () => {
    const refused = new RefusedError({ text: text('connections.refused.smtpPort'), field: 'port' });
    const envelope = envelopeOf(refused);
    // What Electron's IPC and the host's socket carry: plain JSON.
    const back = refusalIn(JSON.parse(JSON.stringify(envelope)));
    expect(back).toBeInstanceOf(RefusedError);
    expect(back).toMatchObject({ text: { id: 'connections.refused.smtpPort' }, field: 'port', message: refused.message });
  });

  it('is only made for refusals: other errors are thrown on as they are', () => {
    expect(envelopeOf(new Error('crash'))).toBeNull();
    expect(envelopeOf(new ContractError('expected an object'))).toBeNull();
  });

  it('is not read from an ordinary answer or a malformed envelope', () => {
    expect(refusalIn({ ok: true })).toBeNull();
    expect(refusalIn(null)).toBeNull();
    expect(refusalIn({ frontdeskRefused: { text: 'not a Text', message: 'x' } })).toBeNull();
    expect(refusalIn({ frontdeskRefused: null })).toBeNull();
  });

  it('words a wrong connection form value as a refusal the screen can translate', () => {
    const err = (() => { try { parseConnection({ staffId: 's', kind: 'smtp', port: 0 }); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(RefusedError);
    expect(envelopeOf(err)).not.toBeNull();
  });
});
