// The client address used to throttle sign-ins and sign-ups. X-Forwarded-For is believed only as far
// as configured proxies added to it (TRUSTED_PROXIES); anything else in it comes from the client.
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { socketAddressFrom } from '@/lib/security/socket-address';

/** Which proxies in front of the app may speak for the client: a hop count, or their addresses. */
export type ProxyTrust = { hops: number } | { addresses: ReadonlySet<string> };

/**
 * The address of the client, read from the right of the chain [X-Forwarded-For…, socket address]:
 * each trusted proxy appended the address it was reached from, so the first entry not added by a
 * trusted proxy is the client. With no trusted proxies that is the socket address itself, and a
 * forged X-Forwarded-For changes nothing.
 */
export function clientAddress(input: { forwardedFor: string | null; socketAddress: string | null }, trust: ProxyTrust): string | null {
  if (!input.socketAddress) return null;
  const forwarded = (input.forwardedFor ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, input.socketAddress].map(normalized);
  if ('hops' in trust) return chain[Math.max(chain.length - 1 - trust.hops, 0)] || null;
  let at = chain.length - 1;
  while (at > 0 && trust.addresses.has(chain[at])) at--;
  return chain[at] || null;
}

/** The client address of a request the app is serving, under the configured TRUSTED_PROXIES. */
export function clientIpFrom(headers: Headers): string | null {
  return clientAddress({ forwardedFor: headers.get('x-forwarded-for'), socketAddress: socketAddressFrom(headers) }, env().TRUSTED_PROXIES);
}

/**
 * What throttling counts an address as: IPv6 clients usually hold a whole /64, so counting single
 * IPv6 addresses would give one client 2^64 fresh starts.
 */
export function networkOf(address: string): string {
  const ip = normalized(address);
  if (isIP(ip) !== 6) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** IPv4-mapped IPv6 (`::ffff:203.0.113.9`, as Node reports IPv4 clients on a dual-stack socket) → IPv4. */
function normalized(address: string): string {
  const ip = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  return mapped ? mapped[1] : ip;
}

function expandIPv6(ip: string): string[] {
  const [head, tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const fill = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...fill, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
