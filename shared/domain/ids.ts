/** Random, collision-free document ids. Created on the desk, so they work offline. */
export function newId(): string {
  return crypto.randomUUID();
}
