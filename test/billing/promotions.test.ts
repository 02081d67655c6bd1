// Promotion codes and scheduled downgrades through the real actions, against the emulator and both
// databases: a code is checked (restrictions included) before paying and priced into the first
// invoice; the discount reaches the mirror, the billing history and revenue once; admins create
// and list codes; a downgrade waits for the period end through a schedule and can be taken back.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionContext, formData, redirectOf, useActionDatabase } from '../support/server-actions';
import { eq } from 'drizzle-orm';
import { stripeCoupons, stripeCustomers, stripeInvoices, stripePromotionCodes, stripeSubscriptionSchedules, users } from '@/lib/db/schema';
import { databaseKinds } from '../support/databases';
import { personalOrganisationId } from '../support/members';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { testStripeForFile } from './emulator';


const stripe = testStripeForFile();

describe.each(databaseKinds)('promotion codes and scheduled downgrades (%s)', (kind) => {
  const { handle, prices } = useActionDatabase(kind);
  let checkout: typeof import('@/app/checkout/actions');
  let account: typeof import('@/app/account/actions');
  let admin: typeof import('@/app/admin/promotions/actions');
  let userId: string;
  let email: string;

  beforeAll(async () => {
    checkout = await import('@/app/checkout/actions');
    account = await import('@/app/account/actions');
    admin = await import('@/app/admin/promotions/actions');
  }, 120_000);

  beforeEach(async () => {
    email = `promo-${crypto.randomUUID()}@example.com`;
    const [user] = await handle.db.insert(users).values({ email }).returning();
    userId = user.id;
    actionContext.session = { user: { id: user.id, role: 'customer' } };
  });

  const customerId = async () => customerIdForOrganisation(handle.db, await personalOrganisationId(handle.db, userId));

  async function promotionCode(code: string, coupon: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const created = await stripe.api.coupons.create(coupon as never);
    return stripe.api.promotionCodes.create({ promotion: { type: 'coupon', coupon: created.id }, code, ...extra } as never);
  }

  /** Starts Starter in the app (with a code, if given) and pays its first invoice with a Visa. */
  async function subscribe(priceId: string, code: string | null = null) {
    const prepared = await checkout.prepareSubscriptionPayment(priceId, crypto.randomUUID(), code);
    if (!prepared.ok) throw new Error(prepared.error);
    expect(prepared.kind).toBe('payment');
    const paymentIntentId = prepared.clientSecret.split('_secret_')[0]!;
    await stripe.api.paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });
    const { syncPaymentIntent } = await import('@/lib/billing/sync');
    await syncPaymentIntent(paymentIntentId, { db: handle.db });
    const subscriptions = await stripe.api.subscriptions.list({ customer: (await customerId())!, status: 'all' });
    const { syncWith } = await import('@/lib/billing/sync');
    await syncWith((run) => Promise.all(subscriptions.data.flatMap((s) => [run.subscription(s.id), run.invoice(s.latest_invoice as string)])), { db: handle.db });
    return subscriptions.data[0]!;
  }

  it('checks a code before paying, names why one does not apply, and prices the accepted one into the first invoice', async () => {
    const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
    await promotionCode(`QUARTER${suffix}`, { percent_off: 25, duration: 'repeating', duration_in_months: 3 });
    await promotionCode(`BIG${suffix}`, { amount_off: 500, currency: 'usd' }, { restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } });
    await promotionCode(`EUROS${suffix}`, { amount_off: 500, currency: 'eur' });
    const used = await promotionCode(`USED${suffix}`, { percent_off: 10 }, { max_redemptions: 1 });
    await stripe.api.promotionCodes.update(used.id, { active: false });

    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, `quarter${suffix}`)).toEqual({
      ok: true,
      value: { promotionCodeId: expect.stringMatching(/^promo_/), code: `QUARTER${suffix}`, terms: '25% off for 3 months', amountOff: 225, currency: 'usd' },
    });
    // On a per-seat plan the code takes its share of every seat: 25% of 3 × $79.00.
    expect(await checkout.checkPromotionCode(prices.team_monthly!, 3, `QUARTER${suffix}`)).toMatchObject({ ok: true, value: { amountOff: 5925 } });
    // A minimum is met by the seats together ($50.00 against 1 × $9.00 refused above; 3 × $79.00 here).
    expect(await checkout.checkPromotionCode(prices.team_monthly!, 3, `BIG${suffix}`)).toMatchObject({ ok: true, value: { amountOff: 500 } });
    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, 'NOSUCHCODE')).toEqual({ ok: false, error: '“NOSUCHCODE” is not a valid code. Check it and try again.' });
    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, `USED${suffix}`)).toMatchObject({ ok: false, error: expect.stringContaining('not a valid code') });
    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, `BIG${suffix}`)).toEqual({ ok: false, error: `The code BIG${suffix} needs a purchase of at least $50.00.` });
    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, `EUROS${suffix}`)).toEqual({ ok: false, error: `The code EUROS${suffix} does not apply to purchases in USD.` });
    expect(await checkout.checkPromotionCode(prices.starter_monthly!, 1, 'no spaces!')).toEqual({ ok: false, error: 'Codes are letters, digits, dashes and underscores.' });
    expect(await checkout.checkPromotionCode(prices.support_pack!, 1, `QUARTER${suffix}`)).toEqual({ ok: false, error: 'Codes apply to plans. Pick one from the pricing page.' });

    const subscription = await subscribe(prices.starter_monthly!, `QUARTER${suffix}`);
    const invoice = await stripe.api.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ subtotal: 900, total: 675, amount_paid: 675, status: 'paid' });
    const [mirrored] = await handle.db.select().from(stripeInvoices).where(eq(stripeInvoices.id, invoice.id!));
    expect(mirrored).toMatchObject({ total: 675, discountAmount: 225 });

    const { billingHistory } = await import('@/lib/billing/history');
    const { payments } = await billingHistory({ customerId: (await customerId())!, db: handle.db });
    expect(payments[0]!.invoices[0]).toMatchObject({ total: 675, discountAmount: 225, amountPaid: 675 });

    const { revenueReport } = await import('@/lib/billing/admin/revenue');
    const today = new Date().toISOString().slice(0, 10);
    const report = await revenueReport({ from: today, to: today, granularity: 'day' }, { db: handle.db });
    const usd = report.revenue.find((r) => r.currency === 'usd')!;
    // Gross is what was received (after the discount); the discount is beside it, counted once.
    expect(usd.discounts).toBeGreaterThanOrEqual(225);
    expect(usd.net).toBe(usd.gross - usd.refunds);
  });

  it('refuses a first-purchase code to a customer who already paid, and a customer-bound code to anyone else', async () => {
    const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
    await subscribe(prices.starter_monthly!);
    await promotionCode(`FIRST${suffix}`, { percent_off: 50 }, { restrictions: { first_time_transaction: true } });
    const other = await stripe.api.customers.create({ email: 'someone-else@example.com' });
    await promotionCode(`MINE${suffix}`, { percent_off: 50 }, { customer: other.id });
    expect(await checkout.checkPromotionCode(prices.team_monthly!, 1, `FIRST${suffix}`)).toEqual({ ok: false, error: `The code FIRST${suffix} is for a first purchase only.` });
    expect(await checkout.checkPromotionCode(prices.team_monthly!, 1, `MINE${suffix}`)).toEqual({ ok: false, error: `The code MINE${suffix} is not valid for your account.` });
  });

  it('lets an admin create a code (validated) that the list shows from the mirror', async () => {
    await handle.db.update(users).set({ role: 'admin' }).where(eq(users.id, userId));
    const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
    const refused = await admin.createPromotionCodeAction({}, formData({ code: 'x', kind: 'percent', percentOff: '120', duration: 'repeating', attemptId: crypto.randomUUID() }));
    expect(refused.fieldErrors).toMatchObject({
      code: ['Codes are at least 3 characters.'],
      percentOff: ['Enter a percentage above 0 and at most 100 (two decimals at most).'],
      durationInMonths: ['Enter for how many months.'],
    });
    const created = await admin.createPromotionCodeAction(
      {},
      formData({ code: `spring${suffix}`, kind: 'amount', amountOff: '5.50', currency: 'usd', duration: 'once', maxRedemptions: '100', firstTimeOnly: 'on', attemptId: crypto.randomUUID() }),
    );
    expect(created).toEqual({ success: `Created SPRING${suffix}: $5.50 off the first payment.` });
    const again = await admin.createPromotionCodeAction({}, formData({ code: `SPRING${suffix}`, kind: 'percent', percentOff: '5', duration: 'forever', attemptId: crypto.randomUUID() }));
    expect(again.error).toBe(`An active code SPRING${suffix} already exists. Pick another code.`);

    const { listPromotionCodes } = await import('@/lib/billing/admin/promotions');
    const listed = (await listPromotionCodes({ db: handle.db })).find((c) => c.code === `SPRING${suffix}`);
    expect(listed).toMatchObject({ terms: '$5.50 off the first payment', maxRedemptions: 100, timesRedeemed: 0, firstTimeOnly: true, ended: null });
  });

  it('mirrors coupon and promotion code events, a deleted coupon included', async () => {
    const { SyncRun } = await import('@/lib/billing/sync');
    const { eventHandlers, handlerFor } = await import('@/lib/billing/sync/handlers');
    const code = await promotionCode(`EVT${crypto.randomUUID().slice(0, 6).toUpperCase()}`, { percent_off: 15 });
    const retired = await stripe.api.coupons.create({ amount_off: 300, currency: 'usd', name: 'Retired' });
    await stripe.api.coupons.del(retired.id);
    const events = (await stripe.api.events.list({ limit: 20 })).data.filter((e) => e.type.startsWith('coupon.') || e.type.startsWith('promotion_code.'));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['coupon.created', 'promotion_code.created', 'coupon.deleted']));
    const run = new SyncRun(stripe.api, handle.db);
    for (const event of events.reverse()) await handlerFor(eventHandlers, event.type)!(event, run);
    await run.settle();
    await handle.db.transaction((tx) => run.write(tx));
    const [row] = await handle.db.select().from(stripePromotionCodes).where(eq(stripePromotionCodes.id, code.id));
    expect(row).toMatchObject({ code: code.code, active: true, timesRedeemed: 0 });
    const [deleted] = await handle.db.select().from(stripeCoupons).where(eq(stripeCoupons.id, retired.id));
    expect(deleted).toMatchObject({ name: 'Retired', amountOff: 300, deleted: true, valid: false });
  });

  it('schedules a downgrade for the period end, shows it, and takes it back', async () => {
    const subscription = await subscribe(prices.team_monthly!);
    const periodEnd = subscription.items.data[0]!.current_period_end;
    expect(await redirectOf(() => account.scheduleDowngradeAction({}, formData({ priceId: prices.starter_monthly!, attemptId: crypto.randomUUID() })))).toBe('/account?updated=scheduled');

    const live = await stripe.api.subscriptions.retrieve(subscription.id);
    expect(live.items.data[0]!.price.id).toBe(prices.team_monthly);
    expect(live.schedule).toEqual(expect.stringMatching(/^sub_sched_/));
    const { scheduledChange } = await import('@/lib/billing/plan-changes');
    expect(await scheduledChange(subscription.id, { db: handle.db })).toMatchObject({ priceId: prices.starter_monthly, productName: 'Starter', unitAmount: 900, at: new Date(periodEnd * 1000) });

    // Another interval is not a downgrade: refused here, it goes through the prorated switch instead.
    expect(await account.scheduleDowngradeAction({}, formData({ priceId: prices.team_yearly!, attemptId: crypto.randomUUID() }))).toEqual({
      error: 'That change is not a downgrade; review it again before confirming.',
    });

    expect(await redirectOf(() => account.cancelPlanChangeAction({}, formData({ attemptId: crypto.randomUUID() })))).toBe('/account?updated=change-canceled');
    expect(await scheduledChange(subscription.id, { db: handle.db })).toBeNull();
    const [schedule] = await handle.db.select().from(stripeSubscriptionSchedules).where(eq(stripeSubscriptionSchedules.id, live.schedule as string));
    expect(schedule?.status).toBe('released');
    expect((await stripe.api.subscriptions.retrieve(subscription.id)).schedule).toBeNull();
    expect(await account.cancelPlanChangeAction({}, formData({ attemptId: crypto.randomUUID() }))).toEqual({ error: 'There is no plan change waiting to be canceled.' });
  });

  it('drops a waiting downgrade when the customer cancels the plan instead', async () => {
    const subscription = await subscribe(prices.team_monthly!);
    await redirectOf(() => account.scheduleDowngradeAction({}, formData({ priceId: prices.starter_monthly!, attemptId: crypto.randomUUID() })));
    expect(await redirectOf(() => account.cancelPlanAction({}, formData({ attemptId: crypto.randomUUID() })))).toBe('/account?updated=canceled');
    const after = await stripe.api.subscriptions.retrieve(subscription.id);
    expect(after).toMatchObject({ cancel_at_period_end: true, schedule: null });
  });
});
