// Admin refunds against the Stripe emulator over HTTP, on PGlite and PostgreSQL: partial then full,
// the same attempt twice refunds once, amounts beyond what is left are refused by the mirror and —
// when the mirror is behind — by Stripe's own charge, and disputed or failed payments are refused.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { stripeDisputes } from '@/lib/db/schema';
import { syncPaymentIntent } from '@/lib/billing/sync';
import { refundableAmount, refundPayment, RefundRefused, type RefundRequest } from '@/lib/billing/admin/refunds';
import { databaseKinds, useDatabase } from '../support/databases';
import { testStripeForFile } from '../billing/emulator';

const stripe = testStripeForFile();

describe.each(databaseKinds)('admin refunds on %s', (kind) => {
  const handle = useDatabase(kind);

  const options = () => ({ db: handle.db, stripe: stripe.api });

  /** A confirmed payment, mirrored the way a webhook would leave it. */
  async function payment(amount: number, paymentMethod = 'pm_card_visa'): Promise<Stripe.PaymentIntent> {
    const customer = await stripe.api.customers.create({ email: `refunds-${randomUUID().slice(0, 6)}@example.com` });
    const intent = await stripe.api.paymentIntents
      .create({
        amount,
        currency: 'usd',
        customer: customer.id,
        payment_method: paymentMethod,
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      })
      .catch((error: Stripe.errors.StripeCardError) => stripe.api.paymentIntents.retrieve(error.payment_intent!.id));
    await syncPaymentIntent(intent.id, options());
    return intent;
  }

  const request = (paymentIntentId: string, amount: number, attemptId = randomUUID()): RefundRequest => ({
    paymentIntentId,
    amount,
    reason: 'requested_by_customer',
    attemptId,
    adminEmail: 'admin@paydesk.test',
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'refunded',
      (error: unknown) => (error instanceof RefundRefused ? error.message : Promise.reject(error)),
    );

  it('refunds part, then the rest, then refuses a third refund', async () => {
    const intent = await payment(5000);
    const first = await refundPayment(request(intent.id, 2000), options());
    expect(first).toMatchObject({ amount: 2000, currency: 'usd', replayed: false });
    // Synced at once: the mirror already knows, without waiting for the webhook.
    expect(await refundableAmount(intent.id, options())).toMatchObject({ received: 5000, refunded: 2000, refundable: 3000 });

    expect(await refusal(refundPayment(request(intent.id, 3001), options()))).toBe('Only $30.00 can still be refunded on this payment.');
    await refundPayment(request(intent.id, 3000), options());
    expect(await refusal(refundPayment(request(intent.id, 1), options()))).toBe('This payment has already been fully refunded.');

    const refunds = await stripe.api.refunds.list({ payment_intent: intent.id });
    expect(refunds.data.map((r) => r.amount).sort()).toEqual([2000, 3000]);
    expect(refunds.data.every((r) => r.reason === 'requested_by_customer' && r.metadata?.paydesk_admin === 'admin@paydesk.test')).toBe(true);
  });

  it('passes a Stripe outage on as an error, not as a refusal in the admin’s words, and moves no money', async () => {
    const intent = await payment(1500);
    const down = new Proxy(stripe.api, {
      get: (target, property, receiver) =>
        property === 'refunds'
          ? {
              create: async () => {
                throw new Stripe.errors.StripeAPIError({ type: 'api_error', message: 'Stripe is having trouble' });
              },
            }
          : Reflect.get(target, property, receiver),
    });
    const outcome = await refundPayment(request(intent.id, 500), { db: handle.db, stripe: down }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(outcome).not.toBeInstanceOf(RefundRefused);
    expect((await stripe.api.refunds.list({ payment_intent: intent.id })).data).toEqual([]);
  });

  it('refunds once when the same attempt is submitted twice, in a row or at the same time', async () => {
    const intent = await payment(4000);
    const attempt = request(intent.id, 1500);
    const [a, b] = await Promise.all([refundPayment(attempt, options()), refundPayment(attempt, options())]);
    expect(a.refundId).toBe(b.refundId);
    const again = await refundPayment(attempt, options());
    expect(again).toEqual({ refundId: a.refundId, amount: 1500, currency: 'usd', replayed: true, creditNotes: 0 });
    expect((await stripe.api.refunds.list({ payment_intent: intent.id })).data).toHaveLength(1);
    expect(await refundableAmount(intent.id, options())).toMatchObject({ refunded: 1500, refundable: 2500 });
  });

  it('re-checks Stripe’s charge when the mirror has not heard of a refund yet', async () => {
    const intent = await payment(3000);
    await stripe.api.refunds.create({ payment_intent: intent.id, amount: 2000 }); // elsewhere; no webhook delivered here
    expect(await refundableAmount(intent.id, options())).toMatchObject({ refundable: 3000 });
    expect(await refusal(refundPayment(request(intent.id, 1500), options()))).toBe('Only $10.00 can still be refunded on this payment.');
    expect((await stripe.api.refunds.list({ payment_intent: intent.id })).data).toHaveLength(1);
  });

  it('refuses disputed and failed payments and amounts below one cent', async () => {
    const disputed = await payment(2500, 'pm_card_createDispute');
    expect(await refusal(refundPayment(request(disputed.id, 100), options()))).toBe('This payment is disputed. Respond to the dispute instead of refunding it.');

    const declined = await payment(2500, 'pm_card_chargeDeclined');
    expect(declined.status).not.toBe('succeeded');
    expect(await refusal(refundPayment(request(declined.id, 100), options()))).toBe('Only a succeeded payment can be refunded.');

    const fine = await payment(2500);
    expect(await refusal(refundPayment(request(fine.id, 0), options()))).toBe('Enter an amount greater than zero.');
    expect(await refusal(refundPayment(request('pi_not_mirrored', 100), options()))).toMatch(/not in Paydesk’s records/);
    expect((await stripe.api.refunds.list({ payment_intent: fine.id })).data).toHaveLength(0);
  });

  it('refuses a payment Stripe has already refunded in full when the mirror has not heard of it', async () => {
    const intent = await payment(2000);
    await stripe.api.refunds.create({ payment_intent: intent.id }); // the whole amount, elsewhere; no webhook delivered here
    expect(await refundableAmount(intent.id, options())).toMatchObject({ refundable: 2000 });
    expect(await refusal(refundPayment(request(intent.id, 500), options()))).toBe('This payment has already been fully refunded.');
    expect((await stripe.api.refunds.list({ payment_intent: intent.id })).data).toHaveLength(1);
  });

  it('asks Stripe about a dispute the mirror has not heard of, and refuses the refund', async () => {
    const disputed = await payment(2500, 'pm_card_createDispute');
    // The dispute's webhook has not landed: the mirror knows the payment but not its dispute.
    await handle.db.delete(stripeDisputes).where(eq(stripeDisputes.paymentIntentId, disputed.id));
    expect(await refundableAmount(disputed.id, options())).toMatchObject({ openDispute: false, refundable: 2500 });
    expect(await refusal(refundPayment(request(disputed.id, 100), options()))).toBe('This payment is disputed. Respond to the dispute instead of refunding it.');
    expect((await stripe.api.refunds.list({ payment_intent: disputed.id })).data).toHaveLength(0);
  });

  it('no longer calls a payment disputed once its dispute is won: Stripe decides, and its answer reaches the admin', async () => {
    const disputed = await payment(2500, 'pm_card_createDispute');
    const [dispute] = (await stripe.api.disputes.list({ payment_intent: disputed.id })).data;
    await stripe.control(`disputes/${dispute.id}/close`, { outcome: 'won' });
    await syncPaymentIntent(disputed.id, options());
    expect(await refundableAmount(disputed.id, options())).toMatchObject({ openDispute: false });
    // Stripe still refuses to refund a charged-back charge; Paydesk passes its sentence on instead of failing.
    const charge = await stripe.api.charges.retrieve(disputed.latest_charge as string);
    expect(charge.disputed).toBe(true);
    expect(await refusal(refundPayment(request(disputed.id, 100), options()))).toBe(`Charge ${charge.id} has been charged back; cannot issue a refund.`);
  });

  it('refuses a resubmitted form with other details when Stripe already took the first submission', async () => {
    const intent = await payment(3000);
    const attempt = randomUUID();
    // The first submission reached Stripe, but neither its sync nor its webhook reached the mirror.
    await stripe.api.refunds.create(
      { payment_intent: intent.id, amount: 1000, reason: 'requested_by_customer', metadata: { paydesk_attempt: attempt, paydesk_admin: 'admin@paydesk.test' } },
      { idempotencyKey: `paydesk-admin-refund-${attempt}` },
    );
    expect(await refusal(refundPayment(request(intent.id, 1500, attempt), options()))).toBe(
      'This refund form was already submitted with different details. Reload the page and start again.',
    );
    expect((await stripe.api.refunds.list({ payment_intent: intent.id })).data.map((r) => r.amount)).toEqual([1000]);
  });
});
