/** What to show for a failed action: a refusal's own words, or a plain fallback. */
export function errorText(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}
