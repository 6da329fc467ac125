/**
 * A desk runs in one window: two windows on one profile would each hold their own copy
 * of the database in memory and not see each other's changes. The first window holds a
 * Web Lock for as long as it lives; another window finds it taken and says so.
 */
const LOCK = 'frontdesk-desk-window';

/** Resolves true when this window is the desk's one window (it keeps the lock until closed). */
export function claimDeskWindow(): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true);
  return new Promise((resolve) => {
    void navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Held until the page goes away.
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
}
