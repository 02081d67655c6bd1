// Billing: the local mirror of Stripe objects (text keys = Stripe ids, raw object kept as jsonb, the
// columns queries need), our own orders for in-app one-time purchases, and the webhook inbox.
//
// Every mirror row carries two freshness stamps (see lib/billing/sync/write.ts):
//  - `synced_at`: when the API response that last changed it was *requested* (or, for a row taken
//    from an event's snapshot, when that snapshot was applied) — orders fetches among themselves;
//  - `as_of_low` / `as_of_high`: the range of Stripe time (seconds) the row's state is known to be
//    from — an event snapshot is exactly its `created`; a fetch is bounded by the response's `Date`
//    and the newest event it answered. An event's snapshot is applied only when its `created` is
//    past `as_of_high` (provably newer); inside the range it is undecidable and re-fetched.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organisations } from './organisations';

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/**
 * A moment compared with the database's `now()` (due times, claims). It keeps `now()`'s full
 * microsecond precision: a millisecond column rounds `now()` up half of the time, which would put a
 * just-stored event in the future and make the next claim skip it.
 */
const dbMoment = (name: string) => timestamp(name, { withTimezone: true });
/** A count Stripe allows beyond 2^31 (quantities): bigint, read as a JS number (exact below 2^53). */
const count = (name: string) => bigint(name, { mode: 'number' });
const mirrorColumns = {
  raw: jsonb('raw').notNull(),
  syncedAt: at('synced_at').notNull(),
  /** Stripe time (epoch seconds) the row's state is known to be from; null = unknown (written before stamps existed). */
  asOfLow: bigint('as_of_low', { mode: 'number' }),
  asOfHigh: bigint('as_of_high', { mode: 'number' }),
};

export const stripeCustomers = pgTable(
  'stripe_customers',
  {
    id: text('id').primaryKey(),
    /** The organisation this customer bills: one per organisation, bound before any Checkout. */
    organisationId: text('organisation_id')
      .unique()
      .references(() => organisations.id, { onDelete: 'set null' }),
    email: text('email'),
    name: text('name'),
    defaultPaymentMethodId: text('default_payment_method_id'),
    deleted: boolean('deleted').notNull().default(false),
    created: at('created'),
    ...mirrorColumns,
  },
  (t) => [index('stripe_customers_email_idx').on(t.email)],
);

/** Saved payment methods: what the account page shows (brand, last 4, expiry) without asking Stripe. */
export const stripePaymentMethods = pgTable(
  'stripe_payment_methods',
  {
    id: text('id').primaryKey(),
    /** Null once detached (a detached payment method cannot be attached again). */
    customerId: text('customer_id'),
    type: text('type').notNull(),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    cardExpMonth: integer('card_exp_month'),
    cardExpYear: integer('card_exp_year'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [index('stripe_payment_methods_customer_idx').on(t.customerId)],
);

export const stripeProducts = pgTable('stripe_products', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  active: boolean('active').notNull(),
  defaultPriceId: text('default_price_id'),
  deleted: boolean('deleted').notNull().default(false),
  created: at('created'),
  ...mirrorColumns,
});

export const stripePrices = pgTable(
  'stripe_prices',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    active: boolean('active').notNull(),
    currency: text('currency').notNull(),
    unitAmount: money('unit_amount'),
    type: text('type').notNull(),
    recurringInterval: text('recurring_interval'),
    recurringIntervalCount: integer('recurring_interval_count'),
    lookupKey: text('lookup_key'),
    deleted: boolean('deleted').notNull().default(false),
    created: at('created'),
    ...mirrorColumns,
  },
  (t) => [index('stripe_prices_product_idx').on(t.productId)],
);

export const stripeSubscriptions = pgTable(
  'stripe_subscriptions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    status: text('status').notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull(),
    cancelAt: at('cancel_at'),
    canceledAt: at('canceled_at'),
    endedAt: at('ended_at'),
    trialEnd: at('trial_end'),
    /** Earliest start / latest end over the items (periods live on items since API 2025-03-31). */
    currentPeriodStart: at('current_period_start'),
    currentPeriodEnd: at('current_period_end'),
    latestInvoiceId: text('latest_invoice_id'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_subscriptions_customer_idx').on(t.customerId, t.created.desc()),
    index('stripe_subscriptions_status_idx').on(t.status),
  ],
);

export const stripeSubscriptionItems = pgTable(
  'stripe_subscription_items',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id').notNull(),
    priceId: text('price_id').notNull(),
    productId: text('product_id').notNull(),
    quantity: count('quantity'),
    currentPeriodStart: at('current_period_start'),
    currentPeriodEnd: at('current_period_end'),
    ...mirrorColumns,
  },
  (t) => [index('stripe_subscription_items_subscription_idx').on(t.subscriptionId)],
);

export const stripeInvoices = pgTable(
  'stripe_invoices',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id'),
    subscriptionId: text('subscription_id'),
    number: text('number'),
    status: text('status'),
    billingReason: text('billing_reason'),
    currency: text('currency').notNull(),
    total: money('total').notNull(),
    amountDue: money('amount_due').notNull(),
    amountPaid: money('amount_paid').notNull(),
    amountRemaining: money('amount_remaining').notNull(),
    /** What discounts took off (the sum of `total_discount_amounts`); `total` is after them. */
    discountAmount: money('discount_amount').notNull().default(0),
    hostedInvoiceUrl: text('hosted_invoice_url'),
    invoicePdf: text('invoice_pdf'),
    periodStart: at('period_start'),
    periodEnd: at('period_end'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_invoices_customer_idx').on(t.customerId, t.created.desc()),
    index('stripe_invoices_subscription_idx').on(t.subscriptionId),
    index('stripe_invoices_status_idx').on(t.status),
  ],
);

export const stripeInvoiceLines = pgTable(
  'stripe_invoice_lines',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id').notNull(),
    priceId: text('price_id'),
    productId: text('product_id'),
    description: text('description'),
    quantity: count('quantity'),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    periodStart: at('period_start'),
    periodEnd: at('period_end'),
    ...mirrorColumns,
  },
  (t) => [index('stripe_invoice_lines_invoice_idx').on(t.invoiceId)],
);

export const stripePaymentIntents = pgTable(
  'stripe_payment_intents',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id'),
    status: text('status').notNull(),
    amount: money('amount').notNull(),
    amountReceived: money('amount_received').notNull(),
    currency: text('currency').notNull(),
    description: text('description'),
    latestChargeId: text('latest_charge_id'),
    lastErrorMessage: text('last_error_message'),
    /** Set when a live InvoicePayment lookup found no invoice for this payment (see lib/billing/linking.ts). */
    invoiceLinkCheckedAt: at('invoice_link_checked_at'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_payment_intents_customer_idx').on(t.customerId, t.created.desc(), t.id.desc()),
    index('stripe_payment_intents_created_idx').on(t.created.desc(), t.id.desc()),
    index('stripe_payment_intents_status_idx').on(t.status),
  ],
);

export const stripeCharges = pgTable(
  'stripe_charges',
  {
    id: text('id').primaryKey(),
    paymentIntentId: text('payment_intent_id'),
    customerId: text('customer_id'),
    status: text('status').notNull(),
    amount: money('amount').notNull(),
    amountCaptured: money('amount_captured').notNull(),
    amountRefunded: money('amount_refunded').notNull(),
    currency: text('currency').notNull(),
    disputed: boolean('disputed').notNull(),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    receiptUrl: text('receipt_url'),
    failureMessage: text('failure_message'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_charges_payment_intent_idx').on(t.paymentIntentId),
    index('stripe_charges_customer_idx').on(t.customerId, t.created.desc()),
  ],
);

export const stripeInvoicePayments = pgTable(
  'stripe_invoice_payments',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id').notNull(),
    paymentIntentId: text('payment_intent_id'),
    chargeId: text('charge_id'),
    status: text('status').notNull(),
    amountPaid: money('amount_paid'),
    amountRequested: money('amount_requested').notNull(),
    currency: text('currency').notNull(),
    isDefault: boolean('is_default').notNull(),
    paidAt: at('paid_at'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_invoice_payments_payment_intent_idx').on(t.paymentIntentId),
    index('stripe_invoice_payments_invoice_idx').on(t.invoiceId),
  ],
);

export const stripeRefunds = pgTable(
  'stripe_refunds',
  {
    id: text('id').primaryKey(),
    chargeId: text('charge_id'),
    paymentIntentId: text('payment_intent_id'),
    status: text('status'),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_refunds_payment_intent_idx').on(t.paymentIntentId),
    index('stripe_refunds_created_idx').on(t.created.desc()),
  ],
);

/** Credit notes: what was taken off an invoice before payment, or given back after it (refunds linked in `raw.refunds`). */
export const stripeCreditNotes = pgTable(
  'stripe_credit_notes',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id').notNull(),
    customerId: text('customer_id'),
    number: text('number'),
    status: text('status').notNull(),
    type: text('type').notNull(),
    reason: text('reason'),
    amount: money('amount').notNull(),
    prePaymentAmount: money('pre_payment_amount').notNull(),
    postPaymentAmount: money('post_payment_amount').notNull(),
    currency: text('currency').notNull(),
    pdf: text('pdf'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [index('stripe_credit_notes_invoice_idx').on(t.invoiceId), index('stripe_credit_notes_customer_idx').on(t.customerId)],
);

export const stripeDisputes = pgTable(
  'stripe_disputes',
  {
    id: text('id').primaryKey(),
    chargeId: text('charge_id').notNull(),
    paymentIntentId: text('payment_intent_id'),
    status: text('status').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_disputes_payment_intent_idx').on(t.paymentIntentId),
    index('stripe_disputes_status_idx').on(t.status),
  ],
);

export const stripeCheckoutSessions = pgTable(
  'stripe_checkout_sessions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id'),
    clientReferenceId: text('client_reference_id'),
    mode: text('mode').notNull(),
    status: text('status'),
    paymentStatus: text('payment_status').notNull(),
    paymentIntentId: text('payment_intent_id'),
    subscriptionId: text('subscription_id'),
    invoiceId: text('invoice_id'),
    amountTotal: money('amount_total'),
    currency: text('currency'),
    expiresAt: at('expires_at'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [
    index('stripe_checkout_sessions_payment_intent_idx').on(t.paymentIntentId),
    index('stripe_checkout_sessions_customer_idx').on(t.customerId, t.created.desc()),
  ],
);

export const stripeCheckoutLineItems = pgTable(
  'stripe_checkout_line_items',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    priceId: text('price_id'),
    productId: text('product_id'),
    description: text('description'),
    quantity: count('quantity'),
    amountTotal: money('amount_total').notNull(),
    currency: text('currency').notNull(),
    ...mirrorColumns,
  },
  (t) => [index('stripe_checkout_line_items_session_idx').on(t.sessionId)],
);

export const orderStatuses = ['pending', 'paid', 'failed', 'canceled'] as const;

/** An in-app one-time purchase: ours, written before its PaymentIntent is created. */
export const orders = pgTable(
  'orders',
  {
    id: text('id')
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    /** The organisation that buys (and owns the order in its history). */
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The member who placed it. */
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    customerId: text('customer_id').notNull(),
    paymentIntentId: text('payment_intent_id').unique(),
    /** The buyer's form attempt: the same attempt again returns this order instead of a second one. */
    attemptId: text('attempt_id'),
    status: text('status', { enum: orderStatuses }).notNull().default('pending'),
    currency: text('currency').notNull(),
    amountTotal: money('amount_total').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('orders_organisation_idx').on(t.organisationId, t.createdAt.desc()),
    uniqueIndex('orders_organisation_attempt_idx').on(t.organisationId, t.attemptId),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    priceId: text('price_id').notNull(),
    productId: text('product_id').notNull(),
    description: text('description').notNull(),
    quantity: count('quantity').notNull(),
    unitAmount: money('unit_amount').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.position] })],
);

export const stripeEventStatuses = ['pending', 'processed', 'ignored', 'failed'] as const;

/** The webhook inbox: every verified event, stored before any work, processed at least once. */
export const stripeCoupons = pgTable('stripe_coupons', {
  id: text('id').primaryKey(),
  name: text('name'),
  /** Exactly one of the two: a percentage (up to two decimals, kept as Stripe's decimal string) or an amount in minor units. */
  percentOff: text('percent_off'),
  amountOff: money('amount_off'),
  currency: text('currency'),
  duration: text('duration').notNull(),
  durationInMonths: integer('duration_in_months'),
  maxRedemptions: integer('max_redemptions'),
  timesRedeemed: integer('times_redeemed').notNull(),
  redeemBy: at('redeem_by'),
  valid: boolean('valid').notNull(),
  deleted: boolean('deleted').notNull().default(false),
  created: at('created').notNull(),
  ...mirrorColumns,
});

export const stripePromotionCodes = pgTable(
  'stripe_promotion_codes',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    couponId: text('coupon_id').notNull(),
    active: boolean('active').notNull(),
    customerId: text('customer_id'),
    expiresAt: at('expires_at'),
    maxRedemptions: integer('max_redemptions'),
    timesRedeemed: integer('times_redeemed').notNull(),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [index('stripe_promotion_codes_code_idx').on(sql`lower(${t.code})`), index('stripe_promotion_codes_coupon_idx').on(t.couponId)],
);

export const stripeSubscriptionSchedules = pgTable(
  'stripe_subscription_schedules',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    subscriptionId: text('subscription_id'),
    status: text('status').notNull(),
    endBehavior: text('end_behavior').notNull(),
    currentPhaseEnd: at('current_phase_end'),
    created: at('created').notNull(),
    ...mirrorColumns,
  },
  (t) => [index('stripe_subscription_schedules_subscription_idx').on(t.subscriptionId), index('stripe_subscription_schedules_customer_idx').on(t.customerId)],
);

export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    apiVersion: text('api_version'),
    created: at('created').notNull(),
    livemode: boolean('livemode').notNull(),
    /** `data.object.id`, for the admin webhook-health page. */
    objectId: text('object_id'),
    payload: jsonb('payload').notNull(),
    /** 'webhook' or 'reconcile' (replayed from /v1/events). */
    source: text('source').notNull().default('webhook'),
    status: text('status', { enum: stripeEventStatuses }).notNull().default('pending'),
    receivedAt: at('received_at').notNull().defaultNow(),
    processedAt: at('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: dbMoment('next_attempt_at').notNull().defaultNow(),
    /** A worker's claim; once it passes, the claim is void (the worker died) and the event is claimable again. */
    lockedUntil: dbMoment('locked_until'),
  },
  (t) => [
    index('stripe_events_due_idx').on(t.status, t.nextAttemptAt),
    index('stripe_events_received_idx').on(t.receivedAt.desc()),
    index('stripe_events_object_idx').on(t.objectId),
  ],
);

/** Small key/value state for reconciliation (e.g. the /v1/events cursor). */
export const stripeSyncState = pgTable('stripe_sync_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
