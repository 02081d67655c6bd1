// Webhook attacks the route test (test/billing/webhook-route.test.ts) does not already cover: a
// forged v1 signature, a signature under another scheme only, an old signature replayed with a
// new body (and with the same body: stored once), and 1,200 fuzzed bodies and headers — unsigned,
// forged and correctly signed — none of which may crash the route, store anything when unsigned,
// or leave a half-stored event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { kickProcessing } from '@/lib/billing/sync/scheduler';
import { POST } from '@/app/api/stripe/webhook/route';
import { databaseKinds } from '../support/databases';
import { eventFor, WEBHOOK_SECRET, webhookRequest, useAppDatabase, useEmptyInbox } from '../billing/support';
import { hostileValue, randomSource } from './fuzz';
import { recordFigures } from '../../scripts/bench/figures';

const FUZZ_CASES = 1200;
// Accepted events are worked after the response; nothing here needs Stripe, so point the processor
// at a closed port (it records a retry) rather than at whatever may listen on the emulator's default.
process.env.STRIPE_API_BASE = 'http://127.0.0.1:9';
const now = () => Math.floor(Date.now() / 1000);
const v1 = (payload: string, timestamp: number, secret = WEBHOOK_SECRET) =>
  createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');

describe.each(databaseKinds)('webhook route under attack on %s', (kind) => {
  const handle = useAppDatabase(kind);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  const stored = useEmptyInbox(handle);

  it('refuses a forged v1 signature (right format, random digest) and stores nothing', async () => {
    const payload = JSON.stringify(eventFor('payment_intent.succeeded', { id: 'pi_forged' }));
    const response = await POST(webhookRequest(payload, { signature: `t=${now()},v1=${randomBytes(32).toString('hex')}` }));
    expect(response.status).toBe(400);
    expect(await stored()).toHaveLength(0);
  });

  it('refuses a valid digest under a scheme other than v1 (v0) and stores nothing', async () => {
    const payload = JSON.stringify(eventFor('payment_intent.succeeded', { id: 'pi_v0' }));
    const t = now();
    const response = await POST(webhookRequest(payload, { signature: `t=${t},v0=${v1(payload, t)}` }));
    expect(response.status).toBe(400);
    expect(await stored()).toHaveLength(0);
  });

  it('refuses a captured signature replayed with another event body, within the tolerance', async () => {
    const original = JSON.stringify(eventFor('charge.refunded', { id: 'ch_original' }));
    const t = now();
    const captured = `t=${t},v1=${v1(original, t)}`;
    const altered = JSON.stringify(eventFor('charge.refunded', { id: 'ch_attacker' }));
    const response = await POST(webhookRequest(altered, { signature: captured }));
    expect(response.status).toBe(400);
    expect(await stored()).toHaveLength(0);
  });

  it('refuses a signature whose timestamp was moved forward to look fresh', async () => {
    const payload = JSON.stringify(eventFor('invoice.paid', { id: 'in_retimed' }));
    const old = now() - 3600;
    const response = await POST(webhookRequest(payload, { signature: `t=${now()},v1=${v1(payload, old)}` }));
    expect(response.status).toBe(400);
    expect(await stored()).toHaveLength(0);
  });

  it('stores an exact replay of a valid delivery once', async () => {
    const payload = JSON.stringify(eventFor('climate.order.created', { id: 'climorder_replay' }));
    const signature = `t=${now()},v1=${v1(payload, now())}`;
    const first = await POST(webhookRequest(payload, { signature }));
    const replay = await POST(webhookRequest(payload, { signature }));
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(await stored()).toHaveLength(1);
  });

  it.each([
    ['no data at all', {}],
    ['data without an object', { data: {} }],
    ['an object without an id', { data: { object: {} } }],
    ['an object whose id is not text', { data: { object: { id: 42 } } }],
  ])('refuses a correctly signed event with %s (400, nothing stored)', async (_, change) => {
    const event: Record<string, unknown> = { ...eventFor('customer.created', { id: 'cus_shapeless' }), ...change };
    if (!('data' in change)) delete event.data;
    const payload = JSON.stringify(event);
    const response = await POST(webhookRequest(payload, { signature: `t=${now()},v1=${v1(payload, now())}` }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/malformed/i);
    expect(await stored()).toHaveLength(0);
  });

  /** A fuzzed body: random text, truncated or deeply nested JSON, hostile values in an event's fields. */
  const fuzzBody = (random: ReturnType<typeof randomSource>, i: number) => {
    const real = JSON.stringify(eventFor('customer.created', { id: `cus_fuzz_${i}` }));
    switch (random.int(6)) {
      case 0: return random.text(random.int(200));
      case 1: return real.slice(0, random.int(real.length));
      case 2: return JSON.stringify(hostileValue(random));
      case 3: return JSON.stringify({ ...JSON.parse(real), id: hostileValue(random), type: hostileValue(random) });
      case 4: return JSON.stringify({ ...JSON.parse(real), id: `evt_fuzz_${i}`, [random.pick(['data', 'created', 'livemode', 'api_version'])]: hostileValue(random) });
      default: return '['.repeat(random.pick([1, 100, 5000]));
    }
  };
  /** Header values an HTTP client can send (latin-1), random or shaped like a signature. */
  const latin1 = (text: string) => [...text].map((c) => (c.charCodeAt(0) > 255 || c === '\n' || c === '\r' || c === '\u0000' ? 'x' : c)).join('');

  it(`refuses ${FUZZ_CASES} fuzzed unsigned or forged deliveries with 400, storing nothing and never crashing`, async () => {
    const random = randomSource(kind === 'postgres' ? 8 : 9);
    const crashes: string[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < FUZZ_CASES; i++) {
      const body = fuzzBody(random, i);
      const signing = random.int(3);
      const signature =
        signing === 0 ? null
        : signing === 1 ? latin1(random.text(random.int(120)))
        : `t=${now() - random.int(2) * random.int(1000)},v1=${randomBytes(32).toString('hex')}${random.int(2) ? `,v1=${random.text(8).replace(/[^\x20-\x7e]/g, 'y')}` : ''}`;
      const request = webhookRequest(body, { signature });
      try {
        const status = (await POST(request)).status;
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch (error) {
        crashes.push(`case ${i}: ${(error as Error).message.slice(0, 160)}`);
      }
    }
    console.log(`[fuzz] webhook route on ${kind}, unsigned/forged: ${FUZZ_CASES} cases → ${JSON.stringify(statuses)}`);
    recordFigures(`fuzz-webhook-${kind}`, { cases: FUZZ_CASES, statuses, crashes: crashes.length });
    expect(crashes).toEqual([]);
    expect(statuses).toEqual({ 400: FUZZ_CASES });
    expect(await stored()).toHaveLength(0);
    expect(unhandled).toEqual([]);
  });

  // A correctly signed body that is not a well-formed event (id not a string, `created` not a
  // number…) is refused with a 400 by the route's shape check, never a 500, and nothing is stored.
  it(`answers ${FUZZ_CASES / 4} fuzzed correctly signed bodies without a 5xx`, async () => {
    const random = randomSource(kind === 'postgres' ? 18 : 19);
    const crashes: string[] = [];
    const statuses: Record<number, number> = {};
    const acceptedIds = new Set<string>();
    for (let i = 0; i < FUZZ_CASES / 4; i++) {
      const body = fuzzBody(random, i);
      const t = now();
      let status: number;
      try {
        status = (await POST(webhookRequest(body, { signature: `t=${t},v1=${v1(body, t)}` }))).status;
      } catch (error) {
        crashes.push(`case ${i}: ${(error as Error).message.slice(0, 120)}`);
        continue;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) acceptedIds.add((JSON.parse(body) as { id: string }).id);
    }
    await kickProcessing();
    console.log(`[fuzz] webhook route on ${kind}, correctly signed: ${FUZZ_CASES / 4} cases → ${JSON.stringify(statuses)}, ${crashes.length} thrown (would be 500), e.g. ${crashes.slice(0, 3).join(' | ')}`);
    recordFigures(`fuzz-webhook-signed-${kind}`, { cases: FUZZ_CASES / 4, statuses, thrown: crashes.length, examples: crashes.slice(0, 3) });
    // Every answer is an acknowledgement or a refusal, and exactly the acknowledged events are stored,
    // each a well-formed event (the fuzz both keeps and breaks the event's shape, so both happen).
    expect(Object.keys(statuses).sort()).toEqual(['200', '400']);
    const rows = await stored();
    expect(rows.map((row) => row.id).sort()).toEqual([...acceptedIds].sort());
    for (const row of rows) {
      const payload = row.payload as { id: unknown; type: unknown; data: { object: { id: unknown } } };
      expect([typeof payload.id, typeof payload.type, typeof payload.data.object.id]).toEqual(['string', 'string', 'string']);
    }
    expect(unhandled).toEqual([]);
    expect(crashes).toEqual([]);
  });
});
