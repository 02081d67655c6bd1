// Turns Stripe objects (fetched from the API, or taken from an event's snapshot) into mirror rows
// and upserts them, parents first, with two guards:
//  - freshness: a fetched object lands when it was requested no earlier than the row was last
//    written (`synced_at`), or when it is provably newer (its Stripe-time range starts after the
//    row's ends); an event's snapshot lands only when provably newer (its `created` is past the
//    row's `as_of_high`) — the processor decides the undecidable cases by re-fetching;
//  - a terminal status never changes back.
// Child rows (subscription items, invoice lines, Checkout line items) are replaced only when their
// parent's write landed.
import { and, getTableColumns, getTableName, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable, PgColumn } from 'drizzle-orm/pg-core';
import type { Stripe } from '@/lib/stripe/client';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema/billing';
import { idOf } from '@/lib/stripe/ids';

/**
 * How fresh a snapshot is. `at`: when it was requested (fetch) or applied (event snapshot), our
 * clock. `low`/`high`: the Stripe time (epoch seconds) its state is known to be from.
 */
export interface Stamp {
  at: Date;
  low: number;
  /** Null: unknown (no snapshot counts as provably newer). */
  high: number | null;
  /** Fetched from the API (true) or taken from an event's payload (false). */
  fetched: boolean;
}
type Snapshot<T> = { value: T } & Stamp;

/** A response's Stripe time (its `Date` header, whole seconds), or our clock when it has none. */
function responseTime(response: unknown): number {
  const headers = (response as { lastResponse?: { headers?: Record<string, string> } } | null)?.lastResponse?.headers;
  const date = headers?.date ? Date.parse(headers.date) : NaN;
  return Math.floor((Number.isNaN(date) ? Date.now() : date) / 1000);
}

/**
 * The stamp of an object fetched by a request sent at `at` and answered by `response`. `floor`: the
 * newest `created` of the events the fetch answers (it was sent after they arrived, so its state is
 * at least that new). The read happened within the second before the response's `Date`. Events
 * dated after that `Date` come from another clock (a test clock runs ahead of Stripe's): then how
 * late the fetched state is cannot be told, and no later snapshot counts as provably newer.
 */
export function fetchedStamp(at: Date, response: unknown, floor: number | null = null): Stamp {
  const date = responseTime(response);
  if (floor !== null && floor > date) return { at, low: floor, high: null, fetched: true };
  return { at, low: Math.max(date - 1, floor ?? 0), high: date, fetched: true };
}
export type DeletedObject = Stripe.Customer | Stripe.Product | Stripe.Price;

export interface MirrorObjects {
  customer: Stripe.Customer | Stripe.DeletedCustomer;
  paymentMethod: Stripe.PaymentMethod;
  product: Stripe.Product;
  price: Stripe.Price;
  subscription: { subscription: Stripe.Subscription; items: Stripe.SubscriptionItem[] };
  invoice: { invoice: Stripe.Invoice; lines: Stripe.InvoiceLineItem[] };
  invoicePayment: Stripe.InvoicePayment;
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  /** `lineItems` null: not known from this snapshot; the mirrored ones stand (they never change after creation). */
  checkoutSession: { session: Stripe.Checkout.Session; lineItems: Stripe.LineItem[] | null };
  creditNote: Stripe.CreditNote;
  /** `deleted`: from a `coupon.deleted` event (a deleted coupon cannot be fetched; its discounts keep going). */
  coupon: Stripe.Coupon | (Omit<Stripe.Coupon, 'deleted'> & { deleted: true });
  promotionCode: Stripe.PromotionCode;
  subscriptionSchedule: Stripe.SubscriptionSchedule;
}
export type MirrorKind = keyof MirrorObjects;

export type Snapshots = { [K in MirrorKind]: Map<string, Snapshot<MirrorObjects[K]>> } & {
  deleted: ({ kind: 'customer' | 'product' | 'price'; object: DeletedObject } & Stamp)[];
};

export function emptySnapshots(): Snapshots {
  return {
    customer: new Map(),
    paymentMethod: new Map(),
    product: new Map(),
    price: new Map(),
    subscription: new Map(),
    invoice: new Map(),
    invoicePayment: new Map(),
    paymentIntent: new Map(),
    charge: new Map(),
    refund: new Map(),
    dispute: new Map(),
    checkoutSession: new Map(),
    creditNote: new Map(),
    coupon: new Map(),
    promotionCode: new Map(),
    subscriptionSchedule: new Map(),
    deleted: [],
  };
}

/** Statuses an object never leaves. */
const terminal = {
  subscription: ['canceled', 'incomplete_expired'],
  invoice: ['paid', 'void'],
  invoicePayment: ['paid', 'canceled'],
  paymentIntent: ['succeeded', 'canceled'],
  charge: ['succeeded', 'failed'],
  dispute: ['won', 'lost'],
  checkoutSession: ['complete', 'expired'],
  creditNote: ['void'],
  subscriptionSchedule: ['completed', 'released', 'canceled'],
} as const;

/** Whether `status` is one an object of this kind never leaves. */
export function isTerminal(kind: MirrorKind, status: string | null | undefined): boolean {
  const statuses = (terminal as Partial<Record<MirrorKind, readonly string[]>>)[kind];
  return !!status && !!statuses?.includes(status);
}

const time = (seconds: number | null | undefined): Date | null => (seconds == null ? null : new Date(seconds * 1000));
const raw = (object: unknown) => JSON.parse(JSON.stringify(object)) as Record<string, unknown>;

export type ChangeCounts = Record<string, number>;

/** Writes every snapshot; returns how many rows were inserted or changed, per table. */
export async function writeSnapshots(tx: Database, s: Snapshots): Promise<ChangeCounts> {
  const counts: ChangeCounts = {};
  const count = (table: PgTable, n: number) => {
    if (n > 0) counts[getTableName(table)] = (counts[getTableName(table)] ?? 0) + n;
  };
  const each = <K extends MirrorKind>(kind: K) => [...s[kind].values()] as Snapshot<MirrorObjects[K]>[];

  // Keep the binding made by ensureStripeCustomer; bind from metadata when the organisation exists.
  // A deleted customer fetches as a bare stub: flag the row, keep what it knew (email, name).
  const customers = each('customer');
  count(t.stripeCustomers, await upsert(tx, t.stripeCustomers, rowsFrom(customers.filter((c) => !c.value.deleted), customerRow), { keep: ['organisationId'] }));
  const deletions = [
    ...s.deleted,
    ...customers.filter((c) => c.value.deleted).map(({ value, ...stamp }) => ({ kind: 'customer' as const, object: value as DeletedObject, ...stamp })),
  ];
  await bindCustomersToOrganisations(tx, customers);
  count(t.stripePaymentMethods, await upsert(tx, t.stripePaymentMethods, rowsFrom(each('paymentMethod'), paymentMethodRow)));
  count(t.stripeProducts, await upsert(tx, t.stripeProducts, rowsFrom(each('product'), productRow)));
  count(t.stripePrices, await upsert(tx, t.stripePrices, rowsFrom(each('price'), priceRow)));

  const subscriptions = each('subscription');
  const writtenSubscriptions = await upsertReturning(tx, t.stripeSubscriptions, rowsFrom(subscriptions, subscriptionRow), terminal.subscription);
  count(t.stripeSubscriptions, writtenSubscriptions.length);
  count(
    t.stripeSubscriptionItems,
    await replaceChildren(
      tx,
      t.stripeSubscriptionItems,
      t.stripeSubscriptionItems.subscriptionId,
      writtenSubscriptions,
      subscriptions.flatMap((snapshot) => snapshot.value.items.map((item) => subscriptionItemRow(item, snapshot.value.subscription.id, snapshot))),
    ),
  );

  const invoices = each('invoice');
  const writtenInvoices = await upsertReturning(tx, t.stripeInvoices, rowsFrom(invoices, invoiceRow), terminal.invoice);
  count(t.stripeInvoices, writtenInvoices.length);
  count(
    t.stripeInvoiceLines,
    await replaceChildren(
      tx,
      t.stripeInvoiceLines,
      t.stripeInvoiceLines.invoiceId,
      writtenInvoices,
      invoices.flatMap((snapshot) => snapshot.value.lines.map((line) => invoiceLineRow(line, snapshot.value.invoice.id!, snapshot))),
    ),
  );

  const writtenIntents = await upsertReturning(tx, t.stripePaymentIntents, rowsFrom(each('paymentIntent'), paymentIntentRow), terminal.paymentIntent);
  count(t.stripePaymentIntents, writtenIntents.length);
  await settleOrders(tx, writtenIntents);
  count(t.stripeCharges, await upsert(tx, t.stripeCharges, rowsFrom(each('charge'), chargeRow), { terminal: terminal.charge }));
  count(
    t.stripeInvoicePayments,
    await upsert(tx, t.stripeInvoicePayments, rowsFrom(each('invoicePayment'), invoicePaymentRow), { terminal: terminal.invoicePayment }),
  );
  count(t.stripeRefunds, await upsert(tx, t.stripeRefunds, rowsFrom(each('refund'), refundRow)));
  count(t.stripeDisputes, await upsert(tx, t.stripeDisputes, rowsFrom(each('dispute'), disputeRow), { terminal: terminal.dispute }));

  const sessions = each('checkoutSession');
  const writtenSessions = await upsertReturning(tx, t.stripeCheckoutSessions, rowsFrom(sessions, checkoutSessionRow), terminal.checkoutSession);
  count(t.stripeCheckoutSessions, writtenSessions.length);
  count(
    t.stripeCheckoutLineItems,
    await replaceChildren(
      tx,
      t.stripeCheckoutLineItems,
      t.stripeCheckoutLineItems.sessionId,
      // A snapshot without line items leaves the mirrored ones in place.
      writtenSessions.filter((id) => s.checkoutSession.get(id)?.value.lineItems),
      sessions.flatMap((snapshot) => (snapshot.value.lineItems ?? []).map((item) => checkoutLineRow(item, snapshot.value.session.id, snapshot))),
    ),
  );

  count(t.stripeCreditNotes, await upsert(tx, t.stripeCreditNotes, rowsFrom(each('creditNote'), creditNoteRow), { terminal: terminal.creditNote }));
  count(t.stripeCoupons, await upsert(tx, t.stripeCoupons, rowsFrom(each('coupon'), couponRow)));
  count(t.stripePromotionCodes, await upsert(tx, t.stripePromotionCodes, rowsFrom(each('promotionCode'), promotionCodeRow)));
  count(
    t.stripeSubscriptionSchedules,
    await upsert(tx, t.stripeSubscriptionSchedules, rowsFrom(each('subscriptionSchedule'), subscriptionScheduleRow), { terminal: terminal.subscriptionSchedule }),
  );

  for (const { kind, object, ...stamp } of deletions) count(deletableTables[kind], await markDeleted(tx, kind, object, stamp));
  return counts;
}

const rowBuilders: { [K in MirrorKind]: (snapshot: Snapshot<MirrorObjects[K]>) => { raw: unknown } } = {
  customer: customerRow,
  paymentMethod: paymentMethodRow,
  product: productRow,
  price: priceRow,
  subscription: subscriptionRow,
  invoice: invoiceRow,
  invoicePayment: invoicePaymentRow,
  paymentIntent: paymentIntentRow,
  charge: chargeRow,
  refund: refundRow,
  dispute: disputeRow,
  checkoutSession: checkoutSessionRow,
  creditNote: creditNoteRow,
  coupon: couponRow,
  promotionCode: promotionCodeRow,
  subscriptionSchedule: subscriptionScheduleRow,
};

/** The `raw` column a snapshot would be stored as (to compare a snapshot with the mirrored row). */
export function mirroredRaw<K extends MirrorKind>(kind: K, value: MirrorObjects[K]): unknown {
  return rowBuilders[kind]({ value, at: new Date(0), low: 0, high: 0, fetched: false }).raw;
}

export const totalChanges = (counts: ChangeCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

// — rows —

/** The freshness columns every mirror row carries. */
const stamped = (stamp: Stamp) => ({ syncedAt: stamp.at, asOfLow: stamp.low, asOfHigh: stamp.high });

export function customerRow({ value, ...stamp }: Snapshot<MirrorObjects['customer']>): typeof t.stripeCustomers.$inferInsert {
  if (value.deleted) return { id: value.id, deleted: true, raw: raw(value), ...stamped(stamp) };
  return {
    id: value.id,
    email: value.email,
    name: value.name ?? null,
    defaultPaymentMethodId: idOf(value.invoice_settings?.default_payment_method),
    deleted: false,
    created: time(value.created),
    raw: raw(value),
    ...stamped(stamp),
  };
}

function productRow({ value, ...stamp }: Snapshot<Stripe.Product>): typeof t.stripeProducts.$inferInsert {
  return {
    id: value.id,
    name: value.name,
    active: value.active,
    defaultPriceId: idOf(value.default_price),
    deleted: false,
    created: time(value.created),
    raw: raw(value),
    ...stamped(stamp),
  };
}

function priceRow({ value, ...stamp }: Snapshot<Stripe.Price>): typeof t.stripePrices.$inferInsert {
  return {
    id: value.id,
    productId: idOf(value.product)!,
    active: value.active,
    currency: value.currency,
    unitAmount: value.unit_amount,
    type: value.type,
    recurringInterval: value.recurring?.interval ?? null,
    recurringIntervalCount: value.recurring?.interval_count ?? null,
    lookupKey: value.lookup_key,
    deleted: false,
    created: time(value.created),
    raw: raw(value),
    ...stamped(stamp),
  };
}

function subscriptionRow({ value, ...stamp }: Snapshot<MirrorObjects['subscription']>): typeof t.stripeSubscriptions.$inferInsert {
  const { subscription, items } = value;
  const starts = items.map((i) => i.current_period_start);
  const ends = items.map((i) => i.current_period_end);
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer)!,
    status: subscription.status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    cancelAt: time(subscription.cancel_at),
    canceledAt: time(subscription.canceled_at),
    endedAt: time(subscription.ended_at),
    trialEnd: time(subscription.trial_end),
    currentPeriodStart: starts.length ? time(Math.min(...starts)) : null,
    currentPeriodEnd: ends.length ? time(Math.max(...ends)) : null,
    latestInvoiceId: idOf(subscription.latest_invoice),
    created: time(subscription.created)!,
    raw: raw({ ...subscription, items: { ...subscription.items, data: items } }),
    ...stamped(stamp),
  };
}

function subscriptionItemRow(item: Stripe.SubscriptionItem, subscriptionId: string, stamp: Stamp): typeof t.stripeSubscriptionItems.$inferInsert {
  return {
    id: item.id,
    subscriptionId,
    priceId: item.price.id,
    productId: idOf(item.price.product)!,
    quantity: item.quantity ?? null,
    currentPeriodStart: time(item.current_period_start),
    currentPeriodEnd: time(item.current_period_end),
    raw: raw(item),
    ...stamped(stamp),
  };
}

function invoiceRow({ value, ...stamp }: Snapshot<MirrorObjects['invoice']>): typeof t.stripeInvoices.$inferInsert {
  const { invoice } = value;
  return {
    id: invoice.id!,
    customerId: idOf(invoice.customer),
    subscriptionId: invoice.parent?.subscription_details ? idOf(invoice.parent.subscription_details.subscription) : null,
    number: invoice.number,
    status: invoice.status,
    billingReason: invoice.billing_reason,
    currency: invoice.currency,
    total: invoice.total,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    amountRemaining: invoice.amount_remaining,
    discountAmount: (invoice.total_discount_amounts ?? []).reduce((sum, d) => sum + d.amount, 0),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: time(invoice.period_start),
    periodEnd: time(invoice.period_end),
    created: time(invoice.created)!,
    raw: raw(invoice),
    ...stamped(stamp),
  };
}

function couponRow({ value, ...stamp }: Snapshot<MirrorObjects['coupon']>): typeof t.stripeCoupons.$inferInsert {
  return {
    id: value.id,
    name: value.name,
    percentOff: value.percent_off === null ? null : String(value.percent_off),
    amountOff: value.amount_off,
    currency: value.currency,
    duration: value.duration,
    durationInMonths: value.duration_in_months,
    maxRedemptions: value.max_redemptions,
    timesRedeemed: value.times_redeemed,
    redeemBy: time(value.redeem_by),
    valid: value.deleted === true ? false : value.valid,
    deleted: value.deleted === true,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function promotionCodeRow({ value, ...stamp }: Snapshot<Stripe.PromotionCode>): typeof t.stripePromotionCodes.$inferInsert {
  return {
    id: value.id,
    code: value.code,
    couponId: idOf(value.promotion.coupon)!,
    active: value.active,
    customerId: idOf(value.customer),
    expiresAt: time(value.expires_at),
    maxRedemptions: value.max_redemptions,
    timesRedeemed: value.times_redeemed,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function subscriptionScheduleRow({ value, ...stamp }: Snapshot<Stripe.SubscriptionSchedule>): typeof t.stripeSubscriptionSchedules.$inferInsert {
  return {
    id: value.id,
    customerId: idOf(value.customer)!,
    subscriptionId: idOf(value.subscription),
    status: value.status,
    endBehavior: value.end_behavior,
    currentPhaseEnd: time(value.current_phase?.end_date),
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function invoiceLineRow(line: Stripe.InvoiceLineItem, invoiceId: string, stamp: Stamp): typeof t.stripeInvoiceLines.$inferInsert {
  const details = line.pricing?.price_details;
  return {
    id: line.id,
    invoiceId,
    priceId: details ? idOf(details.price) : null,
    productId: details?.product ?? null,
    description: line.description,
    quantity: line.quantity,
    amount: line.amount,
    currency: line.currency,
    periodStart: time(line.period?.start),
    periodEnd: time(line.period?.end),
    raw: raw(line),
    ...stamped(stamp),
  };
}

function paymentIntentRow({ value, ...stamp }: Snapshot<Stripe.PaymentIntent>): typeof t.stripePaymentIntents.$inferInsert {
  return {
    id: value.id,
    customerId: idOf(value.customer),
    status: value.status,
    amount: value.amount,
    amountReceived: value.amount_received,
    currency: value.currency,
    description: value.description,
    latestChargeId: idOf(value.latest_charge),
    lastErrorMessage: value.last_payment_error?.message ?? null,
    created: time(value.created)!,
    // Store the charge as an id: it has its own row.
    raw: raw({ ...value, latest_charge: idOf(value.latest_charge) }),
    ...stamped(stamp),
  };
}

function chargeRow({ value, ...stamp }: Snapshot<Stripe.Charge>): typeof t.stripeCharges.$inferInsert {
  const card = value.payment_method_details?.card;
  return {
    id: value.id,
    paymentIntentId: idOf(value.payment_intent),
    customerId: idOf(value.customer),
    status: value.status,
    amount: value.amount,
    amountCaptured: value.amount_captured,
    amountRefunded: value.amount_refunded,
    currency: value.currency,
    disputed: value.disputed,
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
    receiptUrl: value.receipt_url,
    failureMessage: value.failure_message,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function invoicePaymentRow({ value, ...stamp }: Snapshot<Stripe.InvoicePayment>): typeof t.stripeInvoicePayments.$inferInsert {
  return {
    id: value.id,
    invoiceId: idOf(value.invoice)!,
    paymentIntentId: idOf(value.payment.payment_intent),
    chargeId: idOf(value.payment.charge),
    status: value.status,
    amountPaid: value.amount_paid,
    amountRequested: value.amount_requested,
    currency: value.currency,
    isDefault: value.is_default,
    paidAt: time(value.status_transitions?.paid_at),
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function paymentMethodRow({ value, ...stamp }: Snapshot<Stripe.PaymentMethod>): typeof t.stripePaymentMethods.$inferInsert {
  return {
    id: value.id,
    customerId: idOf(value.customer),
    type: value.type,
    cardBrand: value.card?.brand ?? null,
    cardLast4: value.card?.last4 ?? null,
    cardExpMonth: value.card?.exp_month ?? null,
    cardExpYear: value.card?.exp_year ?? null,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

/** What a refund's and a dispute's rows share: both take money back from one charge of one payment. */
function moneyBackRow({ value, ...stamp }: Snapshot<Stripe.Refund | Stripe.Dispute>) {
  return {
    id: value.id,
    paymentIntentId: idOf(value.payment_intent),
    status: value.status,
    amount: value.amount,
    currency: value.currency,
    reason: value.reason,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function refundRow(snapshot: Snapshot<Stripe.Refund>): typeof t.stripeRefunds.$inferInsert {
  return { ...moneyBackRow(snapshot), chargeId: idOf(snapshot.value.charge) };
}

function creditNoteRow({ value, ...stamp }: Snapshot<Stripe.CreditNote>): typeof t.stripeCreditNotes.$inferInsert {
  return {
    id: value.id,
    invoiceId: idOf(value.invoice)!,
    customerId: idOf(value.customer),
    number: value.number,
    status: value.status,
    type: value.type,
    reason: value.reason,
    amount: value.amount,
    prePaymentAmount: value.pre_payment_amount,
    postPaymentAmount: value.post_payment_amount,
    currency: value.currency,
    pdf: value.pdf,
    created: time(value.created)!,
    raw: raw(value),
    ...stamped(stamp),
  };
}

function disputeRow(snapshot: Snapshot<Stripe.Dispute>): typeof t.stripeDisputes.$inferInsert {
  return { ...moneyBackRow(snapshot), chargeId: idOf(snapshot.value.charge)!, status: snapshot.value.status };
}

function checkoutSessionRow({ value, ...stamp }: Snapshot<MirrorObjects['checkoutSession']>): typeof t.stripeCheckoutSessions.$inferInsert {
  const { session } = value;
  return {
    id: session.id,
    customerId: idOf(session.customer),
    clientReferenceId: session.client_reference_id,
    mode: session.mode,
    status: session.status,
    paymentStatus: session.payment_status,
    paymentIntentId: idOf(session.payment_intent),
    subscriptionId: idOf(session.subscription),
    invoiceId: idOf(session.invoice),
    amountTotal: session.amount_total,
    currency: session.currency,
    expiresAt: time(session.expires_at),
    created: time(session.created)!,
    raw: raw({ ...session, line_items: undefined }),
    ...stamped(stamp),
  };
}

function checkoutLineRow(item: Stripe.LineItem, sessionId: string, stamp: Stamp): typeof t.stripeCheckoutLineItems.$inferInsert {
  return {
    id: item.id,
    sessionId,
    priceId: item.price?.id ?? null,
    productId: item.price ? idOf(item.price.product) : null,
    description: item.description ?? null,
    quantity: item.quantity,
    amountTotal: item.amount_total,
    currency: item.currency,
    raw: raw(item),
    ...stamped(stamp),
  };
}

// — upserts —

type MirrorTable = PgTable & { id: PgColumn; syncedAt: PgColumn };

interface UpsertOptions {
  terminal?: readonly string[];
  /** Columns an update never overwrites. */
  keep?: string[];
}

/** Rows built from fetched snapshots (the others came from event payloads); decides which guard a row gets. */
const fetchedRows = new WeakSet<object>();

function rowsFrom<S extends Stamp, R extends object>(snapshots: S[], row: (snapshot: S) => R): R[] {
  return snapshots.map((snapshot) => {
    const built = row(snapshot);
    if (snapshot.fetched) fetchedRows.add(built);
    return built;
  });
}

/** How a write decides freshness: a fetch, an event's snapshot, or a child row whose parent's write landed. */
type Source = 'fetched' | 'observed' | 'child';

function guard(table: MirrorTable, source: Source, terminalStatuses: readonly string[] | undefined): SQL {
  // Only fresher snapshots land, and only when they change something: an idempotent re-sync
  // writes nothing, so `synced_at` is when the row last changed and the counts mean "changed".
  const columns = table as unknown as { raw: PgColumn; asOfHigh: PgColumn };
  const changes = sql`${columns.raw} is distinct from excluded.raw`;
  // Provably newer: the snapshot's Stripe time starts after the row's ends (unknown = never).
  const newer = sql`excluded.as_of_low > coalesce(${columns.asOfHigh}, 9223372036854775807)`;
  const status = (table as unknown as { status: PgColumn }).status;
  const list = sql.join(
    (terminalStatuses ?? []).map((s) => sql`${s}`),
    sql`, `,
  );
  // A terminal status is never left, so a snapshot in one is later than a row that is not in one.
  const reachesTerminal = terminalStatuses?.length ? sql` or (excluded.status in (${list}) and ${status} not in (${list}))` : sql``;
  const fresher =
    source === 'child'
      ? changes
      : source === 'fetched'
        ? sql`${changes} and (${table.syncedAt} <= excluded.synced_at or ${newer})`
        : sql`${changes} and (${newer}${reachesTerminal})`;
  if (!terminalStatuses?.length) return fresher;
  return sql`${fresher} and not (${status} in (${list}) and excluded.status is distinct from ${status})`;
}

function excludedSet(table: PgTable, keep: string[] = []): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (key === 'id' || keep.includes(key)) continue;
    set[key] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

async function upsertReturning(
  tx: Database,
  table: MirrorTable,
  values: Record<string, unknown>[],
  terminalStatuses?: readonly string[],
  keep?: string[],
  children = false,
): Promise<string[]> {
  const written: string[] = [];
  const bySource: [Source, Record<string, unknown>[]][] = children
    ? [['child', values]]
    : [
        ['fetched', values.filter((v) => fetchedRows.has(v))],
        ['observed', values.filter((v) => !fetchedRows.has(v))],
      ];
  for (const [source, group] of bySource) {
    if (group.length === 0) continue;
    // One lock order for every writer, so concurrent transactions on PostgreSQL cannot deadlock.
    const sorted = [...group].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
    const rows = await tx
      .insert(table)
      .values(sorted as never)
      .onConflictDoUpdate({ target: table.id, set: excludedSet(table, keep), setWhere: guard(table, source, terminalStatuses) })
      .returning({ id: table.id });
    written.push(...rows.map((row) => row.id as string));
  }
  return written;
}

async function upsert(tx: Database, table: MirrorTable, values: Record<string, unknown>[], options: UpsertOptions = {}): Promise<number> {
  return (await upsertReturning(tx, table, values, options.terminal, options.keep)).length;
}

async function replaceChildren(
  tx: Database,
  table: MirrorTable,
  parentColumn: PgColumn,
  writtenParents: string[],
  children: Record<string, unknown>[],
): Promise<number> {
  if (writtenParents.length === 0) return 0;
  const parentKey = Object.entries(getTableColumns(table)).find(([, c]) => c === parentColumn)![0];
  const current = children.filter((c) => writtenParents.includes(c[parentKey] as string));
  const keepIds = current.map((c) => c.id as string);
  await tx
    .delete(table)
    .where(and(inArray(parentColumn, writtenParents), keepIds.length ? notInArray(table.id, keepIds) : undefined));
  // The parent's write landed, so its children as given are the current ones.
  return (await upsertReturning(tx, table, current, undefined, undefined, true)).length;
}

/**
 * Binds a customer to the organisation named in its metadata (`organisation_id`), when that
 * organisation exists and has no customer yet. Customers created before organisations name a user
 * (`user_id`): they bind to that user's personal organisation.
 */
async function bindCustomersToOrganisations(tx: Database, customers: Snapshot<MirrorObjects['customer']>[]): Promise<void> {
  for (const { value } of customers) {
    if (value.deleted) continue;
    const organisationId = value.metadata?.organisation_id;
    const userId = value.metadata?.user_id;
    const owner = organisationId
      ? sql`select o.id from organisations o where o.id = ${organisationId}`
      : userId
        ? sql`select m.organisation_id from memberships m join organisations o on o.id = m.organisation_id
              where m.user_id = ${userId} and m.role = 'owner' and o.personal`
        : null;
    if (!owner) continue;
    await tx.execute(sql`
      update stripe_customers set organisation_id = owner.id
      from (${owner} limit 1) as owner(id)
      where stripe_customers.id = ${value.id} and stripe_customers.organisation_id is null
        and not exists (select 1 from stripe_customers other where other.organisation_id = owner.id)`);
  }
}

/** Our orders follow their PaymentIntent (ledger state lives in the mirror; this is the order's headline). */
async function settleOrders(tx: Database, paymentIntentIds: string[]): Promise<void> {
  if (paymentIntentIds.length === 0) return;
  await tx.execute(sql`
    update orders set
      status = case pi.status when 'succeeded' then 'paid' when 'canceled' then 'canceled'
        else case when pi.last_error_message is not null then 'failed' else 'pending' end end,
      updated_at = now()
    from stripe_payment_intents pi
    where orders.payment_intent_id = pi.id and pi.id in (${sql.join(paymentIntentIds.map((id) => sql`${id}`), sql`, `)})
      and orders.status not in ('paid', 'canceled')`);
}

const FINAL = Number.MAX_SAFE_INTEGER;
const deletableTables = { customer: t.stripeCustomers, product: t.stripeProducts, price: t.stripePrices };

async function markDeleted(tx: Database, kind: 'customer' | 'product' | 'price', object: DeletedObject, stamp: Stamp): Promise<number> {
  const snapshot = { value: object as never, ...stamp };
  const table = deletableTables[kind];
  const row = kind === 'customer' ? customerRow(snapshot) : kind === 'product' ? productRow(snapshot) : priceRow(snapshot);
  // Deleted before we ever saw it: mirror it from the payload, flagged deleted.
  await tx
    .insert(table)
    .values({ ...row, deleted: true } as never)
    // Final: no later snapshot counts as newer (a fetch of a deleted object fails or returns a stub).
    .onConflictDoUpdate({ target: table.id, set: { deleted: true, syncedAt: stamp.at, asOfLow: FINAL, asOfHigh: FINAL } as never });
  return 1;
}
