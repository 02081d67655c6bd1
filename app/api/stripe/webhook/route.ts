// Stripe webhook endpoint: verify the signature, store the event in the inbox, answer at once.
// The work happens after the response (lib/billing/sync/processor.ts).
import { after } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe/client';
import { maxWebhookBodyBytes, storeEvent } from '@/lib/billing/sync/inbox';
import { kickProcessing } from '@/lib/billing/sync/scheduler';
import { logError } from '@/lib/log-error';

export const runtime = 'nodejs';

/** Stripe's objects nest a dozen levels at most; a parser or jsonb column meets its stack long before 5,000. */
const maxJsonDepth = 64;
/** How far ahead of this server's clock a signature may be dated (clock skew). */
const signatureSkewSeconds = 300;
/**
 * How far ahead an event itself may be dated. Stripe dates events when they happen; only a test
 * clock (the local emulator's, advanced at most to the next yearly renewal) dates them ahead.
 */
const maxEventAheadSeconds = 400 * 24 * 60 * 60;

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
  const body = await readBody(request, maxWebhookBodyBytes);
  if (body === null) return Response.json({ error: 'Request body too large.' }, { status: 413 });
  const now = Math.floor(Date.now() / 1000);
  // Stripe's check only refuses signatures that are too old; one dated ahead would stay replayable.
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  if (signedAt > now + signatureSkewSeconds) return refused('signature dated in the future');
  if (jsonDepth(body) > maxJsonDepth) return malformed(`JSON nested deeper than ${maxJsonDepth} levels`);
  let event;
  try {
    event = stripe().webhooks.constructEvent(body, signature, env().STRIPE_WEBHOOK_SECRET);
  } catch (error) {
    // Wrong secret, tampered body or a timestamp outside the tolerance: nothing is stored.
    return refused((error as Error).message);
  }
  if (!storableInPostgres(event)) return malformed('contains a NUL character or an unpaired surrogate');
  const shape = eventShape.safeParse(event);
  if (!shape.success) return malformed(shape.error.issues.map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`).join('; '));
  if (shape.data.created > now + maxEventAheadSeconds) return malformed('created too far in the future');
  let isNew: boolean;
  try {
    isNew = await storeEvent(await getDb(), event);
  } catch (error) {
    // Stripe retries a 5xx: the event is not lost.
    const id = logError('stripe-webhook', `storing ${event.id}`, error);
    return Response.json({ error: `Could not store the event (error id ${id}).` }, { status: 500 });
  }
  if (isNew) afterResponse(kickProcessing);
  return Response.json({ received: true, duplicate: !isNew });
}

/** The body as text, or null as soon as it passes `limit` bytes: a huge body is never held whole. */
async function readBody(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length')) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** How deeply arrays and objects nest in a JSON text (brackets inside strings do not count). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
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

/**
 * Answers stay generic, so a prober learns nothing about the parser or the checks; the reason is
 * logged for whoever configures the endpoint (a wrong secret shows up here).
 */
function refused(reason: string): Response {
  console.warn(`[stripe-webhook] refused: ${reason.slice(0, 200)}`);
  return problem('Webhook signature verification failed.');
}

function malformed(reason: string): Response {
  console.warn(`[stripe-webhook] malformed event: ${reason.slice(0, 200)}`);
  return problem('Malformed event.');
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
