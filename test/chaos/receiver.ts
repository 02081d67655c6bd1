// The chaos scenario's webhook receiver, run as its own process so it can really be killed
// (SIGKILL) in the middle of the stream: a bare HTTP server that hands each delivery to the app's
// webhook route `POST` exactly as Next would, on a PostgreSQL database, with the route's own
// processing (kicked after each new event) and the periodic sweep the app starts at boot
// (instrumentation.ts).
//
// Receiver errors: a share of the deliveries (RECEIVER_ERROR_RATE) answer 500 — half before the
// route sees them (a crashed or overloaded front), half after the route stored the event (the
// response lost on the way back), so Stripe retries both kinds.
//
// Environment: PORT, DATABASE_URL, STRIPE_SECRET_KEY, STRIPE_API_BASE, STRIPE_WEBHOOK_SECRET,
// RECEIVER_ERROR_RATE (default 0). Prints "listening <port>" once ready.
import http from 'node:http';
import { POST } from '@/app/api/stripe/webhook/route';
import { startSweeper } from '@/lib/billing/sync/scheduler';

const errorRate = Number(process.env.RECEIVER_ERROR_RATE ?? 0);
const port = Number(process.env.PORT ?? 0);

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const roll = Math.random();
  if (roll < errorRate / 2) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver error before the route');
    return;
  }
  try {
    const response = await POST(
      new Request(`http://localhost${req.url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': String(req.headers['stripe-signature'] ?? '') },
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    const body = await response.text();
    if (roll < errorRate) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver error after the route');
      return;
    }
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    console.error('receiver: the route threw', error);
    res.writeHead(500).end();
  }
});

startSweeper();
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : port}`);
});
