// The client address used to throttle sign-ins.
/**
 * The right-most X-Forwarded-For entry: the one the nearest proxy (or Next itself, from the socket)
 * added. Entries to its left come from the client and could be forged to dodge the throttle.
 */
export function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).pop();
  return last || headers.get('x-real-ip') || null;
}
