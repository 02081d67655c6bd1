// Benchmark 2 — webhook intake and processing, on PostgreSQL and on PGlite.
//
// Real events: payments, refunds and customers made through the emulator, read back from
// /v1/events. Each delivery is signed like Stripe signs it and handed to the route's exported
// `POST` (the same function Next calls), from `concurrency` concurrent senders; 30% of the
// deliveries are duplicates of events already sent. The processor runs in the same process,
// kicked by the route after each new event exactly as in production (one app instance), so intake
// is measured while processing competes for the same two cores. Processing throughput = unique
// events ÷ time from the first delivery until the inbox has nothing pending. The emulator adds
// `latencyMs` to every API call while deliveries are processed (its faults control), and counts
// the app's requests (its rate-limit control): Stripe calls per event = requests ÷ unique events.
import Stripe from 'stripe';
import { count as countRows, eq } from 'drizzle-orm';
import { stripeEvents } from '@/lib/db/schema';
import { kickProcessing, stopSweeper } from '@/lib/billing/sync/scheduler';
import { stripeBudget } from '@/lib/stripe/client';
import { setAppDatabase, type BenchStack } from './stack';
import { postToRoute, sendDeliveries } from './deliveries';
import { compareWithStripe, objectsDiffering, runSyncEngine, syncEngineVersion, type SyncEngineResult } from './sync-engine';
import { count, forEachLimited, ms, percentile, progress, table } from './measure';

export interface WebhookOptions {
  uniqueEvents: number;
  duplicateShare: number;
  concurrency: number;
  /** Added by the emulator to every Stripe call during processing (a real round trip). */
  latencyMs: number;
}

export interface WebhookRow {
  database: string;
  deliveries: number;
  unique: number;
  duplicates: number;
  acceptedPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  processedPerSecond: number;
  drainSeconds: number;
  processed: number;
  failed: number;
  stripeCalls: number;
  callsPerEvent: number;
}

export interface WebhookResult {
  options: WebhookOptions;
  eventTypes: Record<string, number>;
  rows: WebhookRow[];
  markdown: string;
  sideBySide: SideBySide | null;
}

interface SideBySide {
  ours: { processedPerSecond: number; stripeCalls: number; mismatches: string[]; compared: number };
  theirs: SyncEngineResult;
}

function sideBySideMarkdown({ ours, theirs }: SideBySide): string {
  return [
    `**Side by side on PostgreSQL**: the same deliveries fed to \`@supabase/stripe-sync-engine\` ${syncEngineVersion} (its webhook handler, which processes before answering; \`backfillRelatedEntities\` on, its default) into its own schema in the same database, at the same concurrency and emulator latency. Then every object the deliveries were about compared with Stripe's current object (status and amounts of payment intents, charges and refunds; customers' emails).`,
    '',
    table(
      ['Sync', 'Unique events / s (to settled)', 'Stripe calls / event', 'Delivery p50', 'Delivery p99', 'Errors', 'Objects ≠ Stripe after'],
      [
        ['Paydesk (inbox + processor)', `**${ours.processedPerSecond.toFixed(0)}**`, (ours.stripeCalls / theirs.unique).toFixed(2), '(see above)', '(see above)', '0', `**${objectsDiffering(ours.mismatches)}** of ${count(ours.compared)}`],
        ['stripe-sync-engine', `**${theirs.processedPerSecond.toFixed(0)}**`, (theirs.stripeCalls / theirs.unique).toFixed(2), ms(theirs.p50), ms(theirs.p99), `${theirs.errors}${theirs.firstError ? ` (first: ${theirs.firstError.replace(/\|/g, '/')})` : ''}`, `**${objectsDiffering(theirs.mismatches)}** of ${count(theirs.compared)}`],
      ],
    ),
    ...(theirs.mismatches.length ? ['', `stripe-sync-engine's first differences: ${theirs.mismatches.slice(0, 3).map((m) => `\`${m}\``).join('; ')}.`] : []),
    ...(ours.mismatches.length ? ['', `Paydesk's first differences: ${ours.mismatches.slice(0, 3).map((m) => `\`${m}\``).join('; ')}.`] : []),
  ].join('\n');
}

export async function makeEvents(api: Stripe, wanted: number): Promise<Stripe.Event[]> {
  const [before] = (await api.events.list({ limit: 1 })).data;
  let made = 0;
  for (let c = 0; made < wanted; c++) {
    const customer = await api.customers.create({ email: `webhooks-${c}@bench.example` });
    await forEachLimited([0, 1, 2, 3], 4, async (i) => {
      const intent = await api.paymentIntents.create({
        amount: 1000 + i,
        currency: 'usd',
        customer: customer.id,
        payment_method: i === 3 ? 'pm_card_chargeDeclined' : 'pm_card_visa',
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      }).catch(() => null);
      if (intent && i === 0) await api.refunds.create({ payment_intent: intent.id, amount: 300 });
    });
    made += 18; // roughly what one customer's round makes
  }
  // Every event of every object made (none cut off mid-life): the mirror can then be compared with Stripe.
  const events: Stripe.Event[] = [];
  for await (const event of api.events.list({ limit: 100 })) {
    if (event.id === before?.id) break;
    events.push(event);
  }
  return events.reverse();
}

/** Deliveries in a shuffled order where `share` of them repeat an event sent earlier. */
function deliveriesWithDuplicates(events: Stripe.Event[], share: number): Stripe.Event[] {
  const duplicates = Math.round((events.length * share) / (1 - share));
  const deliveries = [...events];
  for (let i = 0; i < duplicates; i++) {
    const original = Math.floor(Math.random() * events.length);
    // Somewhere after the original, as a retry or a double send would be.
    const at = original + 1 + Math.floor(Math.random() * (deliveries.length - original));
    deliveries.splice(at, 0, events[original]!);
  }
  return deliveries;
}

export async function runWebhookBenchmark(stack: BenchStack, options: WebhookOptions): Promise<WebhookResult> {
  await stack.control('reset');
  progress(`webhooks: making ${options.uniqueEvents} real events through the emulator`);
  const events = await makeEvents(stack.api, options.uniqueEvents);
  const eventTypes: Record<string, number> = {};
  for (const event of events) eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
  const payloads = new Map(events.map((event) => [event.id, JSON.stringify(event)]));

  // Processing is kicked by the route and by this loop only, never by a timer left over between databases.
  stopSweeper();
  const rows: WebhookRow[] = [];
  let sideBySide: SideBySide | null = null;
  for (const kind of ['postgres', 'pglite'] as const) {
    progress(`webhooks: ${kind}`);
    const handle = await stack.database(kind);
    setAppDatabase(handle);
    try {
      const deliveries = deliveriesWithDuplicates(events, options.duplicateShare);
      let non2xx = 0;
      await stack.control('faults', { latency_ms: options.latencyMs });
      await stack.control('rate_limit', { clear_counts: true });
      const started = performance.now();
      const { latencies, seconds: intakeSeconds } = await sendDeliveries(deliveries, payloads, options.concurrency, async (payload) => {
        const response = await postToRoute(payload);
        await response.text();
        if (!response.ok) non2xx++;
      });
      for (;;) {
        await kickProcessing();
        const [{ pending }] = await handle.db.select({ pending: countRows() }).from(stripeEvents).where(eq(stripeEvents.status, 'pending'));
        if (pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const drainSeconds = (performance.now() - started) / 1000;
      await stack.control('faults', { latency_ms: 0 });
      const { requests: stripeCalls } = (await stack.control('rate_limit', {})) as { requests: number };
      const statuses = await handle.db.select({ status: stripeEvents.status, n: countRows() }).from(stripeEvents).groupBy(stripeEvents.status);
      const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
      const stored = Object.values(byStatus).reduce((a, b) => a + b, 0);
      if (stored !== events.length) throw new Error(`webhook benchmark: ${stored} events stored for ${events.length} unique events`);
      if (kind === 'postgres') {
        progress('webhooks: the same deliveries through @supabase/stripe-sync-engine');
        const ours = await compareWithStripe(stack.api, handle.url!, deliveries, 'ours');
        const theirs = await runSyncEngine(stack, handle.url!, deliveries, payloads, options);
        sideBySide = { ours: { processedPerSecond: events.length / drainSeconds, stripeCalls, mismatches: ours.mismatches, compared: ours.compared }, theirs };
      }
      rows.push({
        database: kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite',
        deliveries: deliveries.length,
        unique: events.length,
        duplicates: deliveries.length - events.length,
        acceptedPerSecond: deliveries.length / intakeSeconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        non2xx,
        processedPerSecond: events.length / drainSeconds,
        drainSeconds,
        processed: (byStatus.processed ?? 0) + (byStatus.ignored ?? 0),
        failed: byStatus.failed ?? 0,
        stripeCalls,
        callsPerEvent: stripeCalls / events.length,
      });
    } finally {
      await stack.control('faults', { latency_ms: 0 });
      await kickProcessing();
      await handle.close();
    }
  }

  const markdown = [
    `${count(events.length)} real events (${Object.entries(eventTypes).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n} ${t}`).join(', ')}), ` +
      `delivered with ${Math.round(options.duplicateShare * 100)}% duplicates in shuffled positions from ${options.concurrency} concurrent senders, ` +
      `each signed and passed to the route's \`POST\`. Processing runs in the same process: each object's newest snapshot applied when provably newer, ` +
      `one fetch at most per object and claimed batch otherwise, with the emulator adding **${options.latencyMs} ms to every Stripe call** ` +
      `and the app's request budget at ${stripeBudget().ratePerSecond} requests/s.`,
    '',
    table(
      ['Database', 'Deliveries (unique + duplicates)', 'Accepted / s', 'Intake p50', 'Intake p99', 'Non-2xx', 'Processed / s', 'Stripe calls / event', 'Inbox drained after', 'Processed / failed'],
      rows.map((r) => [
        r.database,
        `${count(r.deliveries)} (${count(r.unique)} + ${count(r.duplicates)})`,
        `**${r.acceptedPerSecond.toFixed(0)}**`,
        ms(r.p50),
        ms(r.p99),
        r.non2xx,
        `**${r.processedPerSecond.toFixed(0)}**`,
        `**${r.callsPerEvent.toFixed(2)}** (${count(r.stripeCalls)})`,
        `${r.drainSeconds.toFixed(1)} s`,
        `${count(r.processed)} / ${r.failed}`,
      ]),
    ),
    '',
    'Every unique event was stored exactly once (checked: rows in `stripe_events` = unique events).',
    ...(sideBySide ? ['', sideBySideMarkdown(sideBySide)] : []),
  ].join('\n');
  return { options, eventTypes, rows, sideBySide, markdown };
}
