/**
 * Keeps secrets out of what the messaging service returns (docs/design.md invariant 6): an
 * outcome's detail is recorded in the invoice log, which syncs to every desk. A server's
 * error text can echo what it was sent — AUTH PLAIN/LOGIN send the password base64-encoded,
 * HTTP Basic the token — so the plain and base64 forms are both removed. Node-only;
 * imported by the email and SMS transports.
 */

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  }
  return out;
}

function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  // Inside a longer base64 string (e.g. AUTH PLAIN's "\0user\0password") the secret can
  // start at any of three byte alignments. For each, keep only the characters made of the
  // secret's bits alone (6 bits each), not those shared with its neighbours; a core
  // shorter than 8 characters would match innocent text, so it is not used.
  const cores = [0, 1, 2].map((pad) => {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    return encoded.slice(Math.ceil((8 * pad) / 6), Math.floor((8 * (pad + bytes.length)) / 6));
  }).filter((core) => core.length >= 8);
  return [secret, bytes.toString('base64'), encodeURIComponent(secret), ...cores].sort((a, b) => b.length - a.length);
}
