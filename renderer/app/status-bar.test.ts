/** The status bar rendered to HTML (no browser here), in English and in bokmål. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { ReaderLanguage } from './language.js';
import { StatusBar } from './StatusBar.js';
import { text } from '../../shared/i18n/text.js';
import type { NoticeLine } from '../features/needs-attention/notice-lines.js';

const sync: SyncStatus = { connected: true, reachable: true, pending: 0, lastSyncAt: '2026-12-02T05:03:12.000Z', problem: null, notices: [], stopped: false, refusals: [], rejectedPulls: [] };

function html(clinicLocale: string, choice: string, status: Partial<SyncStatus>, needsAttention = 0, notices: readonly NoticeLine[] = [], syncServerUrl: string | null = 'https://sync.example'): string {
  const bar = createElement(StatusBar, {
    connection: { online: true, mainConnected: true, mainStatus: { databaseConnected: true, busy: null } },
    syncServerUrl, sync: { ...sync, ...status }, needsAttention, notices, onDismiss: () => undefined,
  });
  return renderToStaticMarkup(createElement(ReaderLanguage, { choice, clinicLocale, timeZone: 'Europe/Oslo', children: bar }));
}

function render(clinicLocale: string, choice: string, status: Partial<SyncStatus>, needsAttention = 0, notices: readonly NoticeLine[] = []): string {
  return html(clinicLocale, choice, status, needsAttention, notices).replace(/<[^>]+>/g, '|').replace(/[\u00a0\u202f]/g, ' ');
}

/** A notice line as notice-lines.ts makes it: the change by name, then what was said of it. */
const line = (n: number, client = 'Ola Berg'): NoticeLine => ({
  key: `paymentrequests/r${n}`,
  line: text('status.notice.line', {
    what: text('attention.what.paymentRequest', { purpose: text('linkUi.purpose.paymentLink'), on: 'both', invoice: String(1040 + n), client }),
    reason: text('syncRule.noActor', { what: 'paymentrequests' }),
  }),
});

describe('the status bar', () => {
  it('shows the last sync on the clinic clock, 24-hour, in English', () => {
    const text = render('en-GB', 'en', {}, 1);
    expect(text).toContain('Synced · last sync 06:03:12');
    expect(text).toContain('1 refused change needs attention');
    expect(text).toContain('Desk service ready');
  });

  it('counts waiting changes in the words of each language', () => {
    expect(render('en-GB', 'en', { reachable: false, pending: 2, lastSyncAt: null })).toContain('Sync server not reachable, 2 changes waiting');
    expect(render('en-GB', 'en', { reachable: false, pending: 0, lastSyncAt: null })).toContain('|Sync server not reachable|');
    expect(render('nb-NO', '', { pending: 1, lastSyncAt: null }, 3)).toContain('Sender 1 endring …');
    expect(render('nb-NO', '', {}, 3)).toContain('3 avviste endringer trenger oppfølging');
  });

  it('reads in bokmål with Norwegian times for a Norwegian clinic', () => {
    const text = render('nb-NO', '', {});
    expect(text).toContain('Synkronisert · sist synkronisert 06:03:12');
    expect(text).toContain('Tilkoblet');
  });

  it('names each change a notice is about, newest first, each with a button to dismiss it, and counts the rest', () => {
    const shown = render('en-GB', 'en', {}, 0, [line(1), line(2), line(3), line(4)]);
    expect(shown).toContain('|Payment link for invoice 1044 to Ola Berg: This payment request does not record which staff member made it, so the server did not take it.|');
    expect(shown.indexOf('invoice 1044')).toBeLessThan(shown.indexOf('invoice 1043'));
    expect(shown).not.toContain('invoice 1041');
    expect(shown).toContain('|1 more notice|');
    const markup = html('en-GB', 'en', {}, 0, [line(1)]);
    // A real button (keyboard reachable), described by the notice it dismisses.
    const [, id] = /<span role="alert" id="([^"]+)">/.exec(markup)!;
    expect(markup).toContain(`<button type="button" class="status-notice__dismiss" aria-describedby="${id}">Dismiss</button>`);
  });

  it('words a notice in bokmål, and shows none on a standalone desk', () => {
    const shown = render('nb-NO', '', {}, 0, [line(1, 'Kari Nord')]);
    expect(shown).toContain('|Betalingslenke for faktura 1041 til Kari Nord: Denne betalingsforespørselen');
    expect(shown).toContain('|Lukk|');
    expect(html('en-GB', 'en', {}, 0, [line(1)], null)).not.toContain('Payment link');
  });
});
