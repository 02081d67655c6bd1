// Webhook deliveries as the benchmarks send them: signed with the bench's webhook secret, handed to
// the route's `POST` as Next would, from a number of concurrent senders, each timed.
import Stripe from 'stripe';
import { POST } from '@/app/api/stripe/webhook/route';
import { BENCH_WEBHOOK_SECRET } from './stack';
import { forEachLimited } from './measure';

const signer = new Stripe('sk_test_signer');

/** A `Stripe-Signature` header for `payload` under the bench's webhook secret. */
export function signed(payload: string): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret: BENCH_WEBHOOK_SECRET });
}

/** The app's webhook route answering one delivery of `payload`. */
export function postToRoute(payload: string): Promise<Response> {
  return POST(
    new Request('http://localhost/api/stripe/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signed(payload) },
      body: payload,
    }),
  );
}

/** Sends every delivery through `send` from `concurrency` senders; each one's time, and the whole run's. */
export async function sendDeliveries(
  deliveries: Stripe.Event[],
  payloads: Map<string, string>,
  concurrency: number,
  send: (payload: string, event: Stripe.Event) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await forEachLimited(deliveries, concurrency, async (event) => {
    const sentAt = performance.now();
    await send(payloads.get(event.id)!, event);
    latencies.push(performance.now() - sentAt);
  });
  return { latencies, seconds: (performance.now() - started) / 1000 };
}
