/** The status bar rendered to HTML (no browser here), in English and in bokmål. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SyncStatus } from '../data/sync/desk-replication.js';
import { ReaderLanguage } from './language.js';
import { StatusBar } from './StatusBar.js';

const sync: SyncStatus = { connected: true, reachable: true, pending: 0, lastSyncAt: '2026-12-02T05:03:12.000Z', problem: null, stopped: false, refusals: [], rejectedPulls: [] };

function render(clinicLocale: string, choice: string, status: Partial<SyncStatus>, needsAttention = 0): string {
  const bar = createElement(StatusBar, {
    connection: { online: true, mainConnected: true, mainStatus: { databaseConnected: true, busy: null } },
    syncServerUrl: 'https://sync.example', sync: { ...sync, ...status }, needsAttention,
  });
  const html = renderToStaticMarkup(createElement(ReaderLanguage, { choice, clinicLocale, timeZone: 'Europe/Oslo', children: bar }));
  return html.replace(/<[^>]+>/g, '|').replace(/[\u00a0\u202f]/g, ' ');
}

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
});
