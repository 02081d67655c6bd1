// The e2e merchant: serves the test page (bundled from app.tsx) with the emulator's Stripe.js
// loaded by a blocking script tag first, and creates intents server-side with the secret key.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Stripe from 'stripe';

export interface TestPageOptions {
  port: number;
  emulatorUrl: string;
}

async function bundleApp(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./app.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

function indexHtml(emulatorUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test shop</title>
<style>body{font-family:system-ui,sans-serif;max-width:480px;margin:40px auto;padding:0 16px;color:#1a1f36}button{margin-top:12px;padding:10px 16px;font:inherit;background:#0f766e;color:#fff;border:0;border-radius:6px}button:disabled{opacity:.5}.error{color:#df1b41}.hint{color:#697386;font-size:13px}</style>
<script src="${emulatorUrl}/v3/stripe.js"></script>
</head>
<body>
<div id="root"></div>
<script src="/app.js"></script>
</body>
</html>`;
}

export async function startTestPage({ port, emulatorUrl }: TestPageOptions): Promise<Server> {
  const app = await bundleApp();
  const url = new URL(emulatorUrl);
  const stripe = new Stripe('sk_test_e2e_merchant', { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false });

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://test-page').pathname;
    try {
      if (req.method === 'GET' && path === '/app.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(app);
      } else if (req.method === 'GET' && (path === '/' || path === '/return')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(indexHtml(emulatorUrl));
      } else if (req.method === 'GET' && path.startsWith('/merchant/')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Test shop</title><h1>Back at the shop</h1><p>${escapeHtml(path)}</p>`);
      } else if (req.method === 'GET' && path === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (req.method === 'GET' && path === '/health') {
        res.writeHead(200).end('ok');
      } else if (req.method === 'POST' && path === '/api/payment-intents') {
        const body = await readJson(req);
        const pi = await stripe.paymentIntents.create({ amount: Number(body.amount ?? 2000), currency: 'usd', automatic_payment_methods: { enabled: true } });
        sendJson(res, { id: pi.id, clientSecret: pi.client_secret });
      } else if (req.method === 'POST' && path === '/api/subscriptions') {
        // As an app does for an in-page subscription: default_incomplete, then the first invoice's secret.
        const body = await readJson(req);
        const price = await stripe.prices.create({ currency: 'usd', unit_amount: Number(body.amount ?? 2000), recurring: { interval: 'month' }, product_data: { name: 'Shop plan' } });
        const customer = await stripe.customers.create({ email: 'subscriber@example.com' });
        const subscription = await stripe.subscriptions.create({
          customer: customer.id,
          items: [{ price: price.id }],
          payment_behavior: 'default_incomplete',
          payment_settings: { save_default_payment_method: 'on_subscription' },
          expand: ['latest_invoice.confirmation_secret'],
        });
        const invoice = subscription.latest_invoice as Stripe.Invoice;
        sendJson(res, { id: subscription.id, clientSecret: invoice.confirmation_secret!.client_secret });
      } else if (req.method === 'POST' && path === '/api/setup-intents') {
        const customer = await stripe.customers.create({ email: 'saver@example.com' });
        const si = await stripe.setupIntents.create({ customer: customer.id, automatic_payment_methods: { enabled: true } });
        sendJson(res, { id: si.id, clientSecret: si.client_secret });
      } else {
        res.writeHead(404).end('Not found');
      }
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function readJson(req: import('node:http').IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendJson(res: import('node:http').ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
