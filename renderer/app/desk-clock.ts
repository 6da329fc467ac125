/**
 * The renderer's one clock. Screens and the commands they run ask it for "now" instead of
 * reading the wall clock themselves, so every rule on the desk sees one time source
 * (docs/decisions/0004-time.md). Renderer only.
 */
export type Clock = () => Date;

export const deskClock: Clock = () => new Date();
