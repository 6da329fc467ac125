/**
 * The sandbox's pay page: what a client sees when they open a payment link in a demo or a
 * test. Plain HTML with inline styles (its own strict CSP, no scripts), readable on a
 * phone, with the three outcomes a real provider can have. Shows the clinic's wording
 * only: description ("Invoice 12 — Clinic") and amount. Worded in the client's language by
 * the Translator it is given (docs/decisions/0033-languages.md). Node-only; used by
 * sandbox-provider.ts.
 */
import type { Translator } from '../../../shared/i18n/translator.js';

export type PayPageState = 'open' | 'processing' | 'paid' | 'declined' | 'expired' | 'replaced' | 'missing';

interface Shown {
  readonly amount: string;
  readonly description: string;
  readonly ref: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BUTTON = 'display:block;width:100%;padding:14px;margin:8px 0;font-size:18px;border-radius:8px;border:1px solid #0f5e8c;cursor:pointer';

export function payPage(input: { state: 'missing' } | ({ state: Exclude<PayPageState, 'missing'> } & Shown), tr: Translator): string {
  const e = escapeHtml;
  const t = (id: Parameters<Translator['t']>[0]) => e(tr.t(id));
  let body: string;
  if (input.state === 'missing') {
    body = `<h1>${t('payPage.missing.title')}</h1><p>${t('payPage.missing.text')}</p>`;
  } else {
    const head = `<p style="color:#52606d;margin:0">${e(input.description)}</p><p style="font-size:32px;font-weight:bold;margin:8px 0 20px" data-testid="amount">${e(input.amount)}</p>`;
    const action = (path: string, label: string, primary: boolean) =>
      `<form method="post" action="/pay/${e(input.ref)}/${path}"><button type="submit" style="${BUTTON};${primary ? 'background:#0f5e8c;color:#fff' : 'background:#fff;color:#0f5e8c'}">${label}</button></form>`;
    switch (input.state) {
      case 'open':
      case 'declined':
        body = `<h1>${t('payPage.open.title')}</h1>${head}${input.state === 'declined' ? `<p role="alert" style="color:#b42318">${t('payPage.declined')}</p>` : ''}
<p style="font-size:14px;color:#52606d">${t('payPage.sandboxNote')}</p>
${action('pay', t('payPage.payNow'), true)}${action('process', t('payPage.processThenPaid'), false)}${action('decline', t('payPage.decline'), false)}`;
        break;
      case 'processing':
        body = `<h1>${t('payPage.processing.title')}</h1>${head}<p role="status">${t('payPage.processing.text')}</p>`;
        break;
      case 'paid':
        body = `<h1>${t('payPage.paid.title')}</h1>${head}<p role="status">${t('payPage.paid.text')}</p>`;
        break;
      case 'expired':
        body = `<h1>${t('payPage.expired.title')}</h1>${head}<p>${t('payPage.expired.text')}</p>`;
        break;
      case 'replaced':
        // Nothing to pay here: the clinic sent a newer link in its place (only the live link takes money).
        body = `<h1>${t('payPage.replaced.title')}</h1>${head}<p>${t('payPage.replaced.text')}</p>`;
        break;
    }
  }
  return `<!doctype html>
<html lang="${e(tr.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('payPage.title')}</title></head>
<body style="margin:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<main style="max-width:420px;margin:32px auto;background:#fff;border-radius:12px;padding:24px">${body}</main>
</body></html>`;
}
