/**
 * Which bucket a caller's address falls in for the enrolment limits: an IPv4 address as it
 * is, an IPv6 address by its /64 (one machine may take any address in its /64, so counting
 * whole addresses would give it 2^64 fresh budgets). The socket's address is used, never a
 * forwarded-for header a caller could write (trustProxy stays off). Imported by server/routes.
 */
import net from 'node:net';

/** The eight groups of an IPv6 address, expanded ("::" filled, an IPv4 tail in hex). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const split = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const first = split(head);
  if (tail === undefined) return first;
  const last = split(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

export function addressBucket(ip: string): string {
  const address = ip.split('%')[0]!; // a zone index names the interface, not the machine
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `address ${mapped[1]}`;
  if (!net.isIPv6(address)) return `address ${address}`;
  const prefix = ipv6Groups(address).slice(0, 4).map((g) => g.toString(16)).join(':');
  return `address ${prefix}::/64`;
}
