// Admin money queries on both databases: payment totals agree with the history rows they summarise,
// revenue per day and month, MRR's integer normalisation and rounding, churn, and lifetime value.
import { describe, expect, it } from 'vitest';
import { billingHistory, type PaymentFilters } from '@/lib/billing/history';
import { paymentTotals } from '@/lib/billing/admin/payments';
import { monthlyRecurringRevenue, revenueReport } from '@/lib/billing/admin/revenue';
import { listCustomers } from '@/lib/billing/admin/customers';
import { databaseKinds, useDatabase } from '../support/databases';
import { day, seedLedger } from './seed';

describe.each(databaseKinds)('admin queries on %s', (kind) => {
  const handle = useDatabase(kind, { seed: seedLedger });

  async function everyPayment(filters: PaymentFilters) {
    const payments = [];
    let cursor: string | null = null;
    do {
      const page = await billingHistory({ db: handle.db, filters, cursor, limit: 2 });
      payments.push(...page.payments);
      cursor = page.nextCursor;
    } while (cursor);
    return payments;
  }

  it('totals a filter from the same payments the history lists', async () => {
    const filters: PaymentFilters[] = [
      {},
      { status: ['succeeded'] },
      { customerEmail: 'EXAMPLE.COM' },
      { productId: 'prod_team' },
      { createdFrom: day(3), createdBefore: day(5, 0) },
      { customerEmail: 'eve', status: ['requires_payment_method'] },
    ];
    for (const filter of filters) {
      const payments = await everyPayment(filter);
      const totals = await paymentTotals(filter, { db: handle.db });
      const currencies = [...new Set(payments.map((p) => p.currency))].sort();
      expect(totals.map((t) => t.currency).sort()).toEqual(currencies);
      for (const total of totals) {
        const mine = payments.filter((p) => p.currency === total.currency);
        const gross = mine.reduce((sum, p) => sum + p.amountReceived, 0);
        const refunded = mine.reduce((sum, p) => sum + p.amountRefunded, 0);
        expect(total).toEqual({
          currency: total.currency,
          payments: mine.length,
          succeeded: mine.filter((p) => p.status === 'succeeded').length,
          gross,
          refunded,
          net: gross - refunded,
        });
      }
    }
  });

  it('counts pending refunds but not failed or canceled ones, and leaves out abandoned intents', async () => {
    const totals = await paymentTotals({}, { db: handle.db });
    expect(totals).toEqual([
      // ada1 2900 + ada2 5000 + bob1 1000 + bob2 250 + eve1 29700 + old 2900; refunds 1500 + 700 (pending)
      { currency: 'usd', payments: 7, succeeded: 6, gross: 41750, refunded: 2200, net: 39550 },
      { currency: 'eur', payments: 1, succeeded: 1, gross: 3000, refunded: 1000, net: 2000 },
    ]);
  });

  it('reports gross, refunds and net per day within the range, zero-filled', async () => {
    const report = await revenueReport({ from: '2026-01-01', to: '2026-01-07', granularity: 'day' }, { db: handle.db });
    const usd = report.revenue.find((r) => r.currency === 'usd')!;
    expect(usd.buckets.map((b) => b.period)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07']);
    expect(usd.buckets.map((b) => [b.gross, b.refunds, b.net])).toEqual([
      [0, 0, 0],
      [7900, 0, 7900],
      [1250, 1500, -250],
      [29700, 0, 29700],
      [0, 700, -700],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(usd).toMatchObject({ gross: 38850, refunds: 2200, net: 36650 });
    expect(report.revenue.find((r) => r.currency === 'eur')).toMatchObject({ gross: 3000, refunds: 1000, net: 2000 });
    expect(report.revenue[0].currency).toBe('usd');
  });

  it('groups by month, counting December’s payment in its own month', async () => {
    const report = await revenueReport({ from: '2025-12-01', to: '2026-01-31', granularity: 'month' }, { db: handle.db });
    const usd = report.revenue.find((r) => r.currency === 'usd')!;
    expect(usd.buckets).toEqual([
      { period: '2025-12', gross: 2900, discounts: 0, refunds: 0, net: 2900 },
      { period: '2026-01', gross: 38850, discounts: 0, refunds: 2200, net: 36650 },
    ]);
  });

  it('counts new subscriptions that started and churned ones that ended, per period', async () => {
    const report = await revenueReport({ from: '2026-01-01', to: '2026-01-05', granularity: 'day' }, { db: handle.db });
    expect(report.subscriptions.buckets).toEqual([
      { period: '2026-01-01', started: 1, churned: 0 },
      { period: '2026-01-02', started: 1, churned: 0 },
      { period: '2026-01-03', started: 2, churned: 0 },
      { period: '2026-01-04', started: 2, churned: 0 }, // sub_never (incomplete_expired) never started
      { period: '2026-01-05', started: 2, churned: 1 },
    ]);
    expect(report.subscriptions).toMatchObject({ started: 8, churned: 1 });
  });

  it('computes MRR from active and past-due subscriptions, normalised to a month and rounded once', async () => {
    const report = await revenueReport({ from: '2026-01-01', to: '2026-01-31', granularity: 'day' }, { db: handle.db });
    // usd: 2900 (month) + 1000/12 (year) + 250/3 (quarter) + 9900×3 (past due) + 700×52/12 (week)
    //    = 2900 + 83.33… + 83.33… + 29700 + 3033.33… = 35800 exactly; eur: 3000/3 = 1000.
    expect(report.mrr).toEqual([
      { currency: 'usd', amount: 35800 },
      { currency: 'eur', amount: 1000 },
    ]);
    expect(report.activeSubscriptions).toBe(6);
    expect(report.trialingSubscriptions).toBe(1);
  });

  it('lists customers with their current subscription, plan and lifetime value', async () => {
    const first = await listCustomers({ db: handle.db, limit: 2 });
    expect(first.customers.map((c) => c.id)).toEqual(['cus_eve', 'cus_bob']);
    const rest = await listCustomers({ db: handle.db, limit: 2, cursor: first.nextCursor });
    expect(rest.customers.map((c) => c.id)).toEqual(['cus_ada']);
    expect(rest.nextCursor).toBeNull();

    const [ada] = rest.customers;
    // 2900 + 5000 + 2900 (December) − 1500 (the failed 3500 refund does not count)
    expect(ada.lifetimeValue).toEqual([{ currency: 'usd', amount: 9300 }]);
    expect(ada.subscription).toMatchObject({ id: 'sub_month', status: 'active', plan: 'Pro · monthly' });
    const eve = first.customers[0];
    expect(eve.lifetimeValue).toEqual([
      { currency: 'eur', amount: 2000 },
      { currency: 'usd', amount: 29000 },
    ]);
    const { customers } = await listCustomers({ db: handle.db, search: 'BOB' });
    expect(customers.map((c) => c.email)).toEqual(['bob@example.com']);
  });
});

describe('MRR arithmetic', () => {
  it('sums exact fractions and rounds half up once, not per subscription', () => {
    // 1000/12 + 250/3 = 166.67: per-item rounding would give 83 + 83 = 166.
    expect(
      monthlyRecurringRevenue([
        { currency: 'usd', interval: 'year', intervalCount: 1, amount: 1000n },
        { currency: 'usd', interval: 'month', intervalCount: 3, amount: 250n },
      ]),
    ).toEqual([{ currency: 'usd', amount: 167 }]);
    expect(monthlyRecurringRevenue([{ currency: 'usd', interval: 'year', intervalCount: 1, amount: 6n }])).toEqual([{ currency: 'usd', amount: 1 }]);
    expect(monthlyRecurringRevenue([{ currency: 'usd', interval: 'year', intervalCount: 1, amount: 5n }])).toEqual([{ currency: 'usd', amount: 0 }]);
  });

  it('ignores intervals it does not know rather than guessing', () => {
    expect(monthlyRecurringRevenue([{ currency: 'usd', interval: 'fortnight', intervalCount: 1, amount: 100n }])).toEqual([]);
  });
});
