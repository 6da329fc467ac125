/**
 * The renderer's one clock. Screens and the commands they run ask it for "now" instead of
 * reading the wall clock themselves, so the rules see one time source (docs/decisions/0004-time.md)
 * and a test can move it. Renderer only.
 */
export type Clock = () => Date;

let current: Clock = () => new Date();

export const deskClock: Clock = () => current();

/** For tests of the renderer only: run the screens at another time. */
export function setDeskClock(clock: Clock): void {
  current = clock;
}
