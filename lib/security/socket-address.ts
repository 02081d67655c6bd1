// The TCP peer's address for route handlers and server actions. Next 16 exposes no socket address to
// them, and only writes it into X-Forwarded-For when the request has none, so a client that sends its
// own X-Forwarded-For hides it. The server process (instrumentation.ts) stamps every request with its
// socket's address under a header of ours, overwriting whatever a client sent under that name.
import http from 'node:http';
import https from 'node:https';

export const socketAddressHeader = 'x-paydesk-socket-address';

const installed = Symbol.for('paydesk.socketAddressStamp');
type GlobalWithStamp = typeof globalThis & { [installed]?: boolean };

/** Stamps the socket address on every request this process's HTTP(S) servers receive. Idempotent. */
export function stampSocketAddresses(): void {
  const g = globalThis as GlobalWithStamp;
  if (g[installed]) return;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const request = args[0] as http.IncomingMessage;
        request.headers[socketAddressHeader] = request.socket?.remoteAddress ?? '';
      }
      return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    } as typeof emit;
  }
  g[installed] = true;
}

/** The stamped socket address, or null when this process does not stamp requests (tests, scripts). */
export function socketAddressFrom(headers: Headers): string | null {
  if (!(globalThis as GlobalWithStamp)[installed]) return null;
  return headers.get(socketAddressHeader) || null;
}
