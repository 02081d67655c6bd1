// No page answers 5xx, for any role. Each page under app/ is requested the way a server sees it
// (a plain GET, no client-side rendering to hide a failed server render), signed out, as a customer
// and as an admin; together with the pages Stripe sends people back to, every price's payment page,
// and hand-crafted cursors and dates.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAsAdmin, signInAsCustomer } from '../support/accounts';
import { stripeApi } from '../support/stripe';
import { recordFigures } from '../../scripts/bench/figures';

const appDir = path.join(import.meta.dirname, '..', '..', 'app');

/** Every page route in app/, with dynamic segments filled with ids nobody owns. */
function pageRoutes(dir = appDir, prefix = ''): string[] {
  const routes: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'page.tsx') routes.push(prefix || '/');
    if (!entry.isDirectory()) continue;
    const segment = /^\(.*\)$/.test(entry.name) ? '' : /^\[.*\]$/.test(entry.name) ? '/x_unknown_123' : `/${entry.name}`;
    routes.push(...pageRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return routes;
}

/** A cursor whose date JavaScript reads (year 275760) but PostgreSQL does not. */
const farCursor = Buffer.from('+275760-09-13T00:00:00.000Z|pi_1').toString('base64url');
const crafted = [
  `/account/billing?cursor=${farCursor}`,
  `/admin/payments?cursor=${farCursor}`,
  `/admin/customers?cursor=${farCursor}`,
  '/admin/payments?from=9999-01-01&to=9999-12-31',
  '/admin/revenue?from=9999-01-01&to=9999-12-31',
  '/admin/revenue?from=9999-01-01',
  '/checkout/success?session_id=cs_unknown',
  '/checkout/complete?payment_intent=pi_unknown&redirect_status=succeeded',
  '/no-such-page',
];

/** Every page, the payment page of every price in the account (on sale or not), and the crafted URLs. */
async function everyPath(): Promise<string[]> {
  const prices = await stripeApi().prices.list({ limit: 100 });
  expect(prices.data.length, 'prices in the e2e Stripe account').toBeGreaterThan(0);
  return [...pageRoutes(), ...prices.data.map((price) => `/checkout/pay?price=${price.id}`), ...crafted];
}

/** Requests every path; records how many answered 5xx (docs/reliability.md quotes it) and lists them. */
async function serverErrors(request: APIRequestContext, role: string): Promise<string[]> {
  const paths = await everyPath();
  const failures: string[] = [];
  for (const url of paths) {
    const response = await request.get(url, { maxRedirects: 0 });
    if (response.status() >= 500) failures.push(`${url} → ${response.status()}`);
  }
  recordFigures(`pages-5xx-${role}`, { role, pages: paths.length, serverErrors: failures.length, failures });
  return failures;
}

test.describe.configure({ timeout: 180_000 });

test('signed out: no page answers 5xx', async ({ request }) => {
  expect(pageRoutes()).toContain('/checkout/pay');
  expect(await serverErrors(request, 'visitor')).toEqual([]);
});

for (const [role, signIn] of [
  ['customer', signInAsCustomer],
  ['admin', signInAsAdmin],
] as [string, (page: Page) => Promise<void>][]) {
  test(`${role}: no page answers 5xx`, async ({ page }) => {
    await signIn(page);
    expect(await serverErrors(page.request, role)).toEqual([]);
  });
}
