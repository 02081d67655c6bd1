// Revenue numbers equal sums computed independently, here from Stripe's own API (the emulator):
// gross (succeeded payments), refunds (not failed or canceled), net, MRR and subscription counts.
import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { signInAsAdmin } from '../support/accounts';
import { newCustomer, newPlan, newTag, payOnce, stripeApi, subscribe } from '../support/stripe';
import { usd } from '../support/admin';

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

/** Everything on Stripe's side, summed the way the revenue page says it sums. */
async function expectedFromStripe(stripe: Stripe) {
  const intents = await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const refunds = await stripe.refunds.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const subscriptions = await stripe.subscriptions.list({ status: 'all', limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const usdIntents = intents.filter((pi) => pi.currency === 'usd' && pi.status === 'succeeded');
  const usdRefunds = refunds.filter((r) => r.currency === 'usd' && r.status !== 'failed' && r.status !== 'canceled');
  const gross = usdIntents.reduce((sum, pi) => sum + pi.amount_received, 0);
  const refunded = usdRefunds.reduce((sum, r) => sum + r.amount, 0);
  // MRR in twelfths of a cent, so monthly and yearly prices add up exactly before one rounding.
  let twelfths = 0;
  const paying = subscriptions.filter((s) => s.status === 'active' || s.status === 'past_due');
  for (const s of paying) {
    for (const item of s.items.data) {
      const { unit_amount, recurring, currency } = item.price;
      if (currency !== 'usd' || unit_amount == null || !recurring) continue;
      const amount = unit_amount * (item.quantity ?? 1);
      const twelfthsPerInterval: Record<string, number> = { month: 12, year: 1, week: 52, day: 365 };
      twelfths += (amount * twelfthsPerInterval[recurring.interval]) / recurring.interval_count;
    }
  }
  const created = [...intents.map((pi) => pi.created), ...refunds.map((r) => r.created), ...subscriptions.map((s) => s.created)];
  return {
    from: day(Math.min(...created)),
    to: day(Math.max(...created)),
    gross,
    refunded,
    net: gross - refunded,
    mrr: Math.floor((twelfths + 6) / 12),
    active: paying.length,
    started: subscriptions.filter((s) => s.status !== 'incomplete' && s.status !== 'incomplete_expired').length,
  };
}

// Several Stripe objects, webhooks and page loads per test, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

test('revenue, refunds, net, MRR and subscriptions match Stripe’s own records', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('revenue');
  const monthly = await newPlan(stripe, `Monthly ${tag}`, 2500);
  const yearly = await newPlan(stripe, `Yearly ${tag}`, 10_000, 'year');
  const [a, b] = await Promise.all([newCustomer(stripe, tag, 1), newCustomer(stripe, tag, 2)]);
  await subscribe(stripe, a, [{ price: monthly.id }]);
  await subscribe(stripe, b, [{ price: yearly.id }]);
  const once = await payOnce(stripe, a, 1234);
  await stripe.refunds.create({ payment_intent: once.id, amount: 234 });

  await signInAsAdmin(page);
  const stat = (label: string) => page.locator(`dl[aria-label="Revenue summary"] dt:text-is("${label}") + dd`);
  const labels = ['Gross volume', 'Refunds', 'Net', 'MRR', 'Active subscriptions', 'New subscriptions'];
  // Other specs pay at the same time: poll until the page (fed by webhooks) agrees with Stripe,
  // both read in the same round.
  let last = { shown: [] as string[], wanted: [] as string[] };
  await expect
    .poll(
      async () => {
        const expected = await expectedFromStripe(stripe);
        await page.goto(`/admin/revenue?from=${expected.from}&to=${expected.to}&granularity=month`);
        const shown = await Promise.all(labels.map(async (l) => ((await stat(l).textContent()) ?? '').trim()));
        const wanted = [usd(expected.gross), usd(expected.refunded), usd(expected.net), usd(expected.mrr), String(expected.active), String(expected.started)];
        last = { shown, wanted };
        return JSON.stringify(shown) === JSON.stringify(wanted);
      },
      { timeout: 45_000, intervals: [1000, 2000], message: 'revenue page agrees with Stripe' },
    )
    .toBe(true)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nshown:  ${last.shown.join(' | ')}\nStripe: ${last.wanted.join(' | ')}`);
    });
  expect(last.shown[0]).not.toBe('$0.00');

  // The per-month table says the same as the cards.
  await page.getByText('Numbers per month').first().click();
  const total = page.getByRole('table', { name: /Gross, refunds and net in USD/ }).locator('tbody tr').last();
  // Discounts (what promotion codes took off) sit between gross and refunds; other specs redeem codes meanwhile.
  const [gross, refunds, net] = last.wanted.slice(0, 3);
  await expect(total.locator('td')).toHaveText(['Total', gross!, /^\$[\d,]+\.\d\d$/, refunds!, net!]);
});
