// Turns fetched Stripe objects into mirror rows and upserts them, parents first, with two guards:
// a row only takes a snapshot requested no earlier than the one it holds (`synced_at`), and a
// terminal status never changes back. Child rows (subscription items, invoice lines, Checkout line
// items) are replaced only when their parent's write landed.
import { and, getTableColumns, getTableName, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable, PgColumn } from 'drizzle-orm/pg-core';
import type { Stripe } from '@/lib/stripe/client';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema/billing';
import { idOf } from './ids';

type Snapshot<T> = { value: T; at: Date };
export type DeletedObject = Stripe.Customer | Stripe.Product | Stripe.Price;

export interface MirrorObjects {
  customer: Stripe.Customer | Stripe.DeletedCustomer;
  product: Stripe.Product;
  price: Stripe.Price;
  subscription: { subscription: Stripe.Subscription; items: Stripe.SubscriptionItem[] };
  invoice: { invoice: Stripe.Invoice; lines: Stripe.InvoiceLineItem[] };
  invoicePayment: Stripe.InvoicePayment;
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  checkoutSession: { session: Stripe.Checkout.Session; lineItems: Stripe.LineItem[] };
}
export type MirrorKind = keyof MirrorObjects;

export type Snapshots = { [K in MirrorKind]: Map<string, Snapshot<MirrorObjects[K]>> } & {
  deleted: { kind: 'customer' | 'product' | 'price'; object: DeletedObject; at: Date }[];
};

export function emptySnapshots(): Snapshots {
  return {
    customer: new Map(),
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
} as const;

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

  // Keep the binding made by ensureStripeCustomer; bind from metadata when the user exists.
  // A deleted customer fetches as a bare stub: flag the row, keep what it knew (email, name).
  const customers = each('customer');
  count(t.stripeCustomers, await upsert(tx, t.stripeCustomers, customers.filter((c) => !c.value.deleted).map(customerRow), { keep: ['userId'] }));
  const deletions = [
    ...s.deleted,
    ...customers.filter((c) => c.value.deleted).map(({ value, at }) => ({ kind: 'customer' as const, object: value as DeletedObject, at })),
  ];
  await bindCustomersToUsers(tx, customers);
  count(t.stripeProducts, await upsert(tx, t.stripeProducts, each('product').map(productRow)));
  count(t.stripePrices, await upsert(tx, t.stripePrices, each('price').map(priceRow)));

  const subscriptions = each('subscription');
  const writtenSubscriptions = await upsertReturning(tx, t.stripeSubscriptions, subscriptions.map(subscriptionRow), terminal.subscription);
  count(t.stripeSubscriptions, writtenSubscriptions.length);
  count(
    t.stripeSubscriptionItems,
    await replaceChildren(
      tx,
      t.stripeSubscriptionItems,
      t.stripeSubscriptionItems.subscriptionId,
      writtenSubscriptions,
      subscriptions.flatMap(({ value, at }) => value.items.map((item) => subscriptionItemRow(item, value.subscription.id, at))),
    ),
  );

  const invoices = each('invoice');
  const writtenInvoices = await upsertReturning(tx, t.stripeInvoices, invoices.map(invoiceRow), terminal.invoice);
  count(t.stripeInvoices, writtenInvoices.length);
  count(
    t.stripeInvoiceLines,
    await replaceChildren(
      tx,
      t.stripeInvoiceLines,
      t.stripeInvoiceLines.invoiceId,
      writtenInvoices,
      invoices.flatMap(({ value, at }) => value.lines.map((line) => invoiceLineRow(line, value.invoice.id!, at))),
    ),
  );

  const writtenIntents = await upsertReturning(tx, t.stripePaymentIntents, each('paymentIntent').map(paymentIntentRow), terminal.paymentIntent);
  count(t.stripePaymentIntents, writtenIntents.length);
  await settleOrders(tx, writtenIntents);
  count(t.stripeCharges, await upsert(tx, t.stripeCharges, each('charge').map(chargeRow), { terminal: terminal.charge }));
  count(
    t.stripeInvoicePayments,
    await upsert(tx, t.stripeInvoicePayments, each('invoicePayment').map(invoicePaymentRow), { terminal: terminal.invoicePayment }),
  );
  count(t.stripeRefunds, await upsert(tx, t.stripeRefunds, each('refund').map(refundRow)));
  count(t.stripeDisputes, await upsert(tx, t.stripeDisputes, each('dispute').map(disputeRow), { terminal: terminal.dispute }));

  const sessions = each('checkoutSession');
  const writtenSessions = await upsertReturning(tx, t.stripeCheckoutSessions, sessions.map(checkoutSessionRow), terminal.checkoutSession);
  count(t.stripeCheckoutSessions, writtenSessions.length);
  count(
    t.stripeCheckoutLineItems,
    await replaceChildren(
      tx,
      t.stripeCheckoutLineItems,
      t.stripeCheckoutLineItems.sessionId,
      writtenSessions,
      sessions.flatMap(({ value, at }) => value.lineItems.map((item) => checkoutLineRow(item, value.session.id, at))),
    ),
  );

  for (const { kind, object, at } of deletions) count(deletableTables[kind], await markDeleted(tx, kind, object, at));
  return counts;
}

export const totalChanges = (counts: ChangeCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

// — rows —

export function customerRow({ value, at }: Snapshot<MirrorObjects['customer']>): typeof t.stripeCustomers.$inferInsert {
  if (value.deleted) return { id: value.id, deleted: true, raw: raw(value), syncedAt: at };
  return {
    id: value.id,
    email: value.email,
    name: value.name ?? null,
    defaultPaymentMethodId: idOf(value.invoice_settings?.default_payment_method),
    deleted: false,
    created: time(value.created),
    raw: raw(value),
    syncedAt: at,
  };
}

function productRow({ value, at }: Snapshot<Stripe.Product>): typeof t.stripeProducts.$inferInsert {
  return {
    id: value.id,
    name: value.name,
    active: value.active,
    defaultPriceId: idOf(value.default_price),
    deleted: false,
    created: time(value.created),
    raw: raw(value),
    syncedAt: at,
  };
}

function priceRow({ value, at }: Snapshot<Stripe.Price>): typeof t.stripePrices.$inferInsert {
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
    syncedAt: at,
  };
}

function subscriptionRow({ value, at }: Snapshot<MirrorObjects['subscription']>): typeof t.stripeSubscriptions.$inferInsert {
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
    syncedAt: at,
  };
}

function subscriptionItemRow(item: Stripe.SubscriptionItem, subscriptionId: string, at: Date): typeof t.stripeSubscriptionItems.$inferInsert {
  return {
    id: item.id,
    subscriptionId,
    priceId: item.price.id,
    productId: idOf(item.price.product)!,
    quantity: item.quantity ?? null,
    currentPeriodStart: time(item.current_period_start),
    currentPeriodEnd: time(item.current_period_end),
    raw: raw(item),
    syncedAt: at,
  };
}

function invoiceRow({ value, at }: Snapshot<MirrorObjects['invoice']>): typeof t.stripeInvoices.$inferInsert {
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
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: time(invoice.period_start),
    periodEnd: time(invoice.period_end),
    created: time(invoice.created)!,
    raw: raw(invoice),
    syncedAt: at,
  };
}

function invoiceLineRow(line: Stripe.InvoiceLineItem, invoiceId: string, at: Date): typeof t.stripeInvoiceLines.$inferInsert {
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
    syncedAt: at,
  };
}

function paymentIntentRow({ value, at }: Snapshot<Stripe.PaymentIntent>): typeof t.stripePaymentIntents.$inferInsert {
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
    syncedAt: at,
  };
}

function chargeRow({ value, at }: Snapshot<Stripe.Charge>): typeof t.stripeCharges.$inferInsert {
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
    syncedAt: at,
  };
}

function invoicePaymentRow({ value, at }: Snapshot<Stripe.InvoicePayment>): typeof t.stripeInvoicePayments.$inferInsert {
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
    syncedAt: at,
  };
}

function refundRow({ value, at }: Snapshot<Stripe.Refund>): typeof t.stripeRefunds.$inferInsert {
  return {
    id: value.id,
    chargeId: idOf(value.charge),
    paymentIntentId: idOf(value.payment_intent),
    status: value.status,
    amount: value.amount,
    currency: value.currency,
    reason: value.reason,
    created: time(value.created)!,
    raw: raw(value),
    syncedAt: at,
  };
}

function disputeRow({ value, at }: Snapshot<Stripe.Dispute>): typeof t.stripeDisputes.$inferInsert {
  return {
    id: value.id,
    chargeId: idOf(value.charge)!,
    paymentIntentId: idOf(value.payment_intent),
    status: value.status,
    amount: value.amount,
    currency: value.currency,
    reason: value.reason,
    created: time(value.created)!,
    raw: raw(value),
    syncedAt: at,
  };
}

function checkoutSessionRow({ value, at }: Snapshot<MirrorObjects['checkoutSession']>): typeof t.stripeCheckoutSessions.$inferInsert {
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
    syncedAt: at,
  };
}

function checkoutLineRow(item: Stripe.LineItem, sessionId: string, at: Date): typeof t.stripeCheckoutLineItems.$inferInsert {
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
    syncedAt: at,
  };
}

// — upserts —

type MirrorTable = PgTable & { id: PgColumn; syncedAt: PgColumn };

interface UpsertOptions {
  terminal?: readonly string[];
  /** Columns an update never overwrites. */
  keep?: string[];
}

function guard(table: MirrorTable, terminalStatuses: readonly string[] | undefined): SQL {
  // Only fresher snapshots land, and only when they change something: an idempotent re-sync
  // writes nothing, so `synced_at` is when the row last changed and the counts mean "changed".
  const fresher = sql`${table.syncedAt} <= excluded.synced_at and ${(table as unknown as { raw: PgColumn }).raw} is distinct from excluded.raw`;
  if (!terminalStatuses?.length) return fresher;
  const status = (table as unknown as { status: PgColumn }).status;
  const list = sql.join(
    terminalStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
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

async function upsertReturning(tx: Database, table: MirrorTable, values: Record<string, unknown>[], terminalStatuses?: readonly string[], keep?: string[]): Promise<string[]> {
  if (values.length === 0) return [];
  // One lock order for every writer, so concurrent transactions on PostgreSQL cannot deadlock.
  const sorted = [...values].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
  const written = await tx
    .insert(table)
    .values(sorted as never)
    .onConflictDoUpdate({ target: table.id, set: excludedSet(table, keep), setWhere: guard(table, terminalStatuses) })
    .returning({ id: table.id });
  return written.map((row) => row.id as string);
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
  return upsert(tx, table, current);
}

/** Binds a customer to the app user named in its metadata, when that user exists and has no customer yet. */
async function bindCustomersToUsers(tx: Database, customers: Snapshot<MirrorObjects['customer']>[]): Promise<void> {
  for (const { value } of customers) {
    const userId = !value.deleted ? value.metadata?.user_id : undefined;
    if (!userId) continue;
    await tx.execute(sql`
      update stripe_customers set user_id = u.id
      from users u
      where stripe_customers.id = ${value.id} and stripe_customers.user_id is null and u.id = ${userId}
        and not exists (select 1 from stripe_customers other where other.user_id = u.id)`);
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

const deletableTables = { customer: t.stripeCustomers, product: t.stripeProducts, price: t.stripePrices };

async function markDeleted(tx: Database, kind: 'customer' | 'product' | 'price', object: DeletedObject, at: Date): Promise<number> {
  const snapshot = { value: object as never, at };
  const table = deletableTables[kind];
  const row = kind === 'customer' ? customerRow(snapshot) : kind === 'product' ? productRow(snapshot) : priceRow(snapshot);
  // Deleted before we ever saw it: mirror it from the payload, flagged deleted.
  await tx
    .insert(table)
    .values({ ...row, deleted: true } as never)
    .onConflictDoUpdate({ target: table.id, set: { deleted: true, syncedAt: at } as never });
  return 1;
}
