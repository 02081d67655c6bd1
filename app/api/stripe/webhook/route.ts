// Stripe webhook endpoint: verify the signature, store the event in the inbox, answer at once.
// The work happens after the response (lib/billing/sync/processor.ts).
import { after } from 'next/server';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe/client';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { kickProcessing, startSweeper } from '@/lib/billing/sync/scheduler';

export const runtime = 'nodejs';

export async function POST(request: Request): Promise<Response> {
  const signature = request.headers.get('stripe-signature');
  if (!signature) return problem('Missing Stripe-Signature header.');
  const body = await request.text();
  let event;
  try {
    event = stripe().webhooks.constructEvent(body, signature, env().STRIPE_WEBHOOK_SECRET);
  } catch (error) {
    // Wrong secret, tampered body or a timestamp outside the tolerance: nothing is stored.
    return problem(`Webhook signature verification failed: ${(error as Error).message}`);
  }
  const isNew = await storeEvent(await getDb(), event);
  startSweeper();
  if (isNew) afterResponse(kickProcessing);
  return Response.json({ received: true, duplicate: !isNew });
}

function problem(message: string): Response {
  return Response.json({ error: message }, { status: 400 });
}

function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    // Called outside a Next request (tests, scripts): no after() there, so start it detached.
    // kickProcessing never rejects (it logs), and the periodic sweep covers it either way.
    void task();
  }
}
