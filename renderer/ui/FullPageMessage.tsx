/** A whole-window message: loading, or an error the desk cannot work past. */
import type { ReactNode } from 'react';

export function FullPageMessage({ title, children, busy, tone }: { title: string; children?: ReactNode; busy?: boolean; tone?: 'error' }) {
  return (
    <main className="full-page" aria-busy={busy ? 'true' : undefined}>
      <div className={`full-page__card${tone === 'error' ? ' full-page__card--error' : ''}`} role={tone === 'error' ? 'alert' : 'status'}>
        {busy && <div className="spinner" aria-hidden="true" />}
        <h1>{title}</h1>
        {children && <p>{children}</p>}
      </div>
    </main>
  );
}
