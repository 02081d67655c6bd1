// A webhook receiver for tests: records each delivery and answers with whatever status the test says.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  body: string;
  signature: string;
  event: { id: string; type: string; [key: string]: unknown };
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Status to answer for the nth delivery (0-based); default 200. */
  respond: (n: number, delivery: Delivery) => number | 'hang';
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { deliveries: [] as Delivery[], respond: () => 200 } as unknown as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery: Delivery = { body, signature: String(req.headers['stripe-signature']), event: JSON.parse(body) };
      const n = receiver.deliveries.length;
      receiver.deliveries.push(delivery);
      const answer = receiver.respond(n, delivery);
      if (answer === 'hang') return;
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
