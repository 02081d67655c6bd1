// A small ledger for the admin query tests: three customers, subscriptions in every state that
// matters for MRR and churn, payments in two currencies over a few days, refunds that count and
// refunds that do not (failed, canceled).
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema';

const mirror = { raw: {}, syncedAt: new Date() };
/** Noon UTC on a January 2026 day. */
export const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 0, n, hour));

export async function seedLedger(db: Database) {
  await db.insert(t.stripeCustomers).values([
    { id: 'cus_ada', email: 'ada@example.com', name: 'Ada', created: day(1), ...mirror },
    { id: 'cus_bob', email: 'bob@example.com', name: 'Bob', created: day(2), ...mirror },
    { id: 'cus_eve', email: 'eve@example.org', name: 'Eve', created: day(3), ...mirror },
  ]);
  await db.insert(t.stripeProducts).values([
    { id: 'prod_pro', name: 'Pro', active: true, ...mirror },
    { id: 'prod_team', name: 'Team', active: true, ...mirror },
    { id: 'prod_addon', name: 'Add-on', active: true, ...mirror },
  ]);
  const price = (id: string, productId: string, currency: string, unitAmount: number, interval: string | null, count = 1) => ({
    id, productId, active: true, currency, unitAmount, type: interval ? 'recurring' : 'one_time',
    recurringInterval: interval, recurringIntervalCount: interval ? count : null, ...mirror,
  });
  await db.insert(t.stripePrices).values([
    price('price_pro_month', 'prod_pro', 'usd', 2900, 'month'),
    price('price_pro_year', 'prod_pro', 'usd', 1000, 'year'),
    price('price_pro_quarter', 'prod_pro', 'usd', 250, 'month', 3),
    price('price_team_month', 'prod_team', 'usd', 9900, 'month'),
    price('price_team_week', 'prod_team', 'usd', 700, 'week'),
    price('price_team_eur', 'prod_team', 'eur', 3000, 'month', 3),
    price('price_addon', 'prod_addon', 'usd', 5000, null),
  ]);
  const sub = (id: string, customerId: string, status: string, created: Date, endedAt: Date | null = null) => ({
    id, customerId, status, cancelAtPeriodEnd: false, created, endedAt, canceledAt: endedAt, ...mirror,
  });
  await db.insert(t.stripeSubscriptions).values([
    sub('sub_month', 'cus_ada', 'active', day(2)),
    sub('sub_year', 'cus_bob', 'active', day(3)),
    sub('sub_quarter', 'cus_bob', 'active', day(3)),
    sub('sub_team', 'cus_eve', 'past_due', day(4)),
    sub('sub_week', 'cus_eve', 'active', day(4)),
    sub('sub_eur', 'cus_eve', 'active', day(5)),
    sub('sub_trial', 'cus_ada', 'trialing', day(5)),
    sub('sub_gone', 'cus_ada', 'canceled', day(1), day(5)),
    sub('sub_never', 'cus_bob', 'incomplete_expired', day(4)),
  ]);
  const item = (subscriptionId: string, priceId: string, productId: string, quantity = 1) => ({
    id: `si_${subscriptionId.slice(4)}`, subscriptionId, priceId, productId, quantity, ...mirror,
  });
  await db.insert(t.stripeSubscriptionItems).values([
    item('sub_month', 'price_pro_month', 'prod_pro'),
    item('sub_year', 'price_pro_year', 'prod_pro'),
    item('sub_quarter', 'price_pro_quarter', 'prod_pro'),
    item('sub_team', 'price_team_month', 'prod_team', 3),
    item('sub_week', 'price_team_week', 'prod_team'),
    item('sub_eur', 'price_team_eur', 'prod_team'),
    item('sub_trial', 'price_pro_month', 'prod_pro'),
    item('sub_gone', 'price_pro_month', 'prod_pro'),
    item('sub_never', 'price_team_month', 'prod_team'),
  ]);

  const pi = (id: string, customerId: string, created: Date, amount: number, currency = 'usd', status = 'succeeded') => ({
    id, customerId, status, amount, amountReceived: status === 'succeeded' ? amount : 0, currency,
    latestChargeId: `ch_${id.slice(3)}`, created, ...mirror,
  });
  await db.insert(t.stripePaymentIntents).values([
    pi('pi_ada1', 'cus_ada', day(2), 2900),
    pi('pi_ada2', 'cus_ada', day(2, 18), 5000),
    pi('pi_bob1', 'cus_bob', day(3), 1000),
    pi('pi_bob2', 'cus_bob', day(3, 13), 250),
    pi('pi_eve1', 'cus_eve', day(4), 29700),
    pi('pi_eve_eur', 'cus_eve', day(5), 3000, 'eur'),
    pi('pi_eve_declined', 'cus_eve', day(5, 14), 29700, 'usd', 'requires_payment_method'),
    { ...pi('pi_abandoned', 'cus_eve', day(5, 15), 100, 'usd', 'requires_payment_method'), latestChargeId: null },
    pi('pi_old', 'cus_ada', new Date(Date.UTC(2025, 11, 20, 12)), 2900),
  ]);
  await db.insert(t.stripeCharges).values(
    ['ada1', 'ada2', 'bob1', 'bob2', 'eve1', 'eve_eur', 'eve_declined', 'old'].map((s) => ({
      id: `ch_${s}`, paymentIntentId: `pi_${s}`, customerId: `cus_${s.slice(0, 3)}`, status: s === 'eve_declined' ? 'failed' : 'succeeded',
      amount: 1, amountCaptured: 1, amountRefunded: 0, currency: s === 'eve_eur' ? 'eur' : 'usd', disputed: false,
      cardBrand: 'visa', cardLast4: '4242', created: day(1), ...mirror,
    })),
  );
  const refund = (id: string, paymentIntentId: string, amount: number, created: Date, status: string | null = 'succeeded', currency = 'usd') => ({
    id, chargeId: `ch_${paymentIntentId.slice(3)}`, paymentIntentId, status, amount, currency, reason: 'requested_by_customer', created, ...mirror,
  });
  await db.insert(t.stripeRefunds).values([
    refund('re_ada_part', 'pi_ada2', 1500, day(3)),
    refund('re_ada_failed', 'pi_ada2', 3500, day(3, 14), 'failed'),
    refund('re_eve_pending', 'pi_eve1', 700, day(5), 'pending'),
    refund('re_eve_canceled', 'pi_eve1', 900, day(5, 13), 'canceled'),
    refund('re_eur', 'pi_eve_eur', 1000, day(6), 'succeeded', 'eur'),
  ]);
  await db.insert(t.stripeInvoices).values([
    { id: 'in_ada1', customerId: 'cus_ada', subscriptionId: 'sub_month', number: 'ADA-0001', status: 'paid', currency: 'usd', total: 2900, amountDue: 2900, amountPaid: 2900, amountRemaining: 0, created: day(2), ...mirror },
    { id: 'in_eve1', customerId: 'cus_eve', subscriptionId: 'sub_team', number: 'EVE-0001', status: 'paid', currency: 'usd', total: 29700, amountDue: 29700, amountPaid: 29700, amountRemaining: 0, created: day(4), ...mirror },
  ]);
  await db.insert(t.stripeInvoiceLines).values([
    { id: 'il_ada1', invoiceId: 'in_ada1', priceId: 'price_pro_month', productId: 'prod_pro', quantity: 1, amount: 2900, currency: 'usd', ...mirror },
    { id: 'il_eve1', invoiceId: 'in_eve1', priceId: 'price_team_month', productId: 'prod_team', quantity: 3, amount: 29700, currency: 'usd', ...mirror },
  ]);
  await db.insert(t.stripeInvoicePayments).values([
    { id: 'inpay_ada1', invoiceId: 'in_ada1', paymentIntentId: 'pi_ada1', status: 'paid', amountPaid: 2900, amountRequested: 2900, currency: 'usd', isDefault: true, created: day(2), ...mirror },
    { id: 'inpay_eve1', invoiceId: 'in_eve1', paymentIntentId: 'pi_eve1', status: 'paid', amountPaid: 29700, amountRequested: 29700, currency: 'usd', isDefault: true, created: day(4), ...mirror },
  ]);
}
