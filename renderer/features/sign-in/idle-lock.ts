/**
 * The idle lock (docs/decisions/0023-staff-sign-in.md): after the clinic's idleLockMinutes
 * without a key, click or touch, the desk signs out and shows only the sign-in screen.
 * Renderer-only.
 */
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function useIdleLock(active: boolean, minutes: number, lock: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, restart, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, minutes, lock]);
}
