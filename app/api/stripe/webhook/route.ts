// Stripe webhook endpoint: verify the signature, store the event in the inbox, answer at once.
// The work happens after the response (lib/billing/sync/processor.ts).
import { after } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe/client';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { kickProcessing, startSweeper } from '@/lib/billing/sync/scheduler';

export const runtime = 'nodejs';

/** What the inbox and the handlers rely on; a signed body without it is refused, not stored. */
const eventShape = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int().min(0).max(253_402_300_799), // a representable date (before year 10000)
  livemode: z.boolean(),
  api_version: z.string().nullish(),
  data: z.object({ object: z.looseObject({ id: z.string().min(1) }) }),
});

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
  if (!storableInPostgres(event)) return problem('Malformed event: contains a NUL character or an unpaired surrogate.');
  const shape = eventShape.safeParse(event);
  if (!shape.success) {
    const problems = shape.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`).join('; ');
    return problem(`Malformed event: ${problems}`);
  }
  const isNew = await storeEvent(await getDb(), event);
  startSweeper();
  if (isNew) afterResponse(kickProcessing);
  return Response.json({ received: true, duplicate: !isNew });
}

/**
 * PostgreSQL's json and text types refuse NUL characters and unpaired UTF-16 surrogates, and Stripe
 * sends neither. JSON.stringify writes exactly those two as `\u0000` / `\udXXX` escapes.
 */
function storableInPostgres(event: unknown): boolean {
  return !/\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(event));
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
