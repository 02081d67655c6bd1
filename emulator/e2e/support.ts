// What every spec needs: the secret-key client pointed at the e2e emulator, and event lookups.
import type { Page } from '@playwright/test';
import Stripe from 'stripe';
import { EMULATOR_PORT, EMULATOR_URL } from './ports.js';

export const stripe = new Stripe('sk_test_e2e_specs', { host: '127.0.0.1', port: EMULATOR_PORT, protocol: 'http', telemetry: false });

export { EMULATOR_URL };

/** The types of the events about `objectId`, oldest first (every page: specs run in parallel). */
export async function eventTypesFor(objectId: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  return events
    .filter((e) => (e.data.object as { id?: string }).id === objectId)
    .map((e) => e.type)
    .reverse();
}

export const CARDS = {
  success: '4242424242424242',
  genericDecline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  lostCard: '4000000000009987',
  stolenCard: '4000000000009979',
  expiredCard: '4000000000000069',
  incorrectCvc: '4000000000000127',
  processingError: '4000000000000119',
  threeDSecure: '4000002500003155',
  threeDSecureRequired: '4000000000003220',
  threeDSecureThenDecline: '4000008400001629',
} as const;

/** Console warnings and errors the page logs from now on: a clean page logs none. */
export function consoleComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  return complaints;
}
