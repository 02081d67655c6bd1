// Bounded chaos (10 customers by default, CHAOS_CUSTOMERS to change; 50 in `npm run bench`): the scripted scenario of scenario.ts through duplicated (30%), shuffled and
// delayed deliveries with 5% receiver errors, the receiver process SIGKILLed once mid-stream and
// restarted; then retries, `npm run stripe:sync`, and the mirror compared object by object with
// the emulator, and revenue to the cent. The large run is in `npm run bench`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '@/emulator/src/index';
import type { DatabaseHandle } from '@/lib/db/client';
import { stripeConfig } from '@/lib/stripe/client';
import { freePort } from '../../scripts/lib/postgres-cluster';
import { recordFigures } from '../../scripts/bench/figures';
import { freshDatabase } from '../support/databases';
import { runChaosScenario, type ChaosReport } from './scenario';

const CUSTOMERS = Number(process.env.CHAOS_CUSTOMERS ?? 10);
const SECRET_KEY = 'sk_test_chaos';

describe('chaos: webhooks duplicated, shuffled, failing, receiver killed mid-stream', () => {
  let emulator: RunningEmulator;
  let handle: DatabaseHandle & { url?: string };
  let report: ChaosReport;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    handle = await freshDatabase('postgres');
    const api = new Stripe(SECRET_KEY, { ...stripeConfig(emulator.url), maxNetworkRetries: 2 });
    report = await runChaosScenario(
      { emulatorUrl: emulator.url, api, secretKey: SECRET_KEY, databaseUrl: handle.url!, db: handle.db, receiverPort: await freePort() },
      { customers: CUSTOMERS, months: 6, duplicateRate: 0.3, receiverErrorRate: 0.05 },
    );
    console.log(`[chaos] ${JSON.stringify({ ...report, syncSummary: undefined })}`);
    recordFigures('chaos', report);
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
    await emulator?.close();
  });

  it('went through the storm it claims: duplicates, receiver errors, a kill mid-stream and a restart', () => {
    expect(report.customers).toBeGreaterThanOrEqual(CUSTOMERS);
    expect(report.duplicateDeliveries / report.deliveryAttempts).toBeGreaterThan(0.15);
    expect(report.receiverErrors).toBeGreaterThan(0);
    expect(report.restarts).toBe(1);
    expect(report.killedWithDeliveriesPending).toBeGreaterThan(0);
  });

  it('stores every event once and leaves nothing pending or failed in the inbox', () => {
    expect(report.inbox.pending ?? 0).toBe(0);
    expect(report.inbox.failed ?? 0).toBe(0);
  });

  it('ends with every mirrored object equal to the emulator’s after stripe:sync', () => {
    expect(report.mismatchesAfterSync).toEqual([]);
    expect(report.compared.invoice).toBeGreaterThan(CUSTOMERS * 3);
    expect(report.compared.dispute).toBeGreaterThan(0);
    expect(report.compared.refund).toBeGreaterThan(0);
  });

  it('matches revenue to the cent: gross, refunds, net, active and trialing subscriptions', () => {
    expect(report.revenue.mirror).toEqual(report.revenue.stripe);
    expect(report.revenue.stripe.refunds).toBeGreaterThan(0);
  });
});
