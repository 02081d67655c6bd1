// One sync run: fetch the current state of Stripe objects from the API, with every parent they
// reference that is not mirrored yet, then write all of it in one transaction.
//
// Ordering strategy (DESIGN invariant 2), the same for every object type: a webhook event is only a
// *notification* that an object changed. We never write `event.data.object`; we re-fetch the object
// from the API and upsert what the API says now. So duplicates and any arrival order converge on
// Stripe's current state, and same-second events cannot be mis-ordered because their timestamps
// are never compared. The one race left — two workers fetching the same object at different times
// and committing in the opposite order — is closed in the writer: a row is only overwritten by a
// snapshot *requested* no earlier than the one that last changed it (`synced_at`, millisecond
// precision), and a terminal status (paid, canceled, void, succeeded…) never changes back (write.ts).
// Deletions are the exception: a deleted object cannot be fetched, and deletion is final, so the
// `*.deleted` events are applied from the payload (write.ts never un-deletes).
//
// Missing parents (invariant 3): every object's parents (customer, price → product, subscription,
// invoice, payment intent, charge) are fetched too when they are not mirrored yet. A failed fetch
// throws, so the event stays pending and is retried; nothing is dropped.
import { inArray } from 'drizzle-orm';
import type { Stripe } from '@/lib/stripe/client';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema/billing';
import { idOf } from './ids';
import { writeSnapshots, type ChangeCounts, type Snapshots, emptySnapshots, type MirrorKind, type MirrorObjects, type DeletedObject } from './write';

const tables = {
  customer: t.stripeCustomers,
  product: t.stripeProducts,
  price: t.stripePrices,
  subscription: t.stripeSubscriptions,
  invoice: t.stripeInvoices,
  invoicePayment: t.stripeInvoicePayments,
  paymentIntent: t.stripePaymentIntents,
  charge: t.stripeCharges,
  refund: t.stripeRefunds,
  dispute: t.stripeDisputes,
  checkoutSession: t.stripeCheckoutSessions,
} as const;

export type KnownIds = Map<MirrorKind, Set<string>>;

export class SyncRun {
  readonly snapshots: Snapshots = emptySnapshots();
  /** Objects fetched (or being fetched) in this run, so each is requested once. */
  private readonly requested = new Map<string, Promise<void>>();

  /**
   * @param known ids already known to be mirrored, per kind: skips the existence check for parents.
   *   Reconciliation shares one across its pages; it only ever grows (rows are never removed).
   */
  constructor(
    readonly stripe: Stripe,
    readonly db: Database,
    private readonly known: KnownIds = new Map(),
  ) {}

  /** Writes everything fetched, inside the caller's transaction. Returns the rows changed per table. */
  async write(tx: Database): Promise<ChangeCounts> {
    const counts = await writeSnapshots(tx, this.snapshots);
    for (const kind of Object.keys(tables) as MirrorKind[]) {
      const known = this.known.get(kind) ?? this.known.set(kind, new Set()).get(kind)!;
      for (const id of this.snapshots[kind].keys()) known.add(id);
    }
    return counts;
  }

  // — refresh: fetch the current state from the API, whatever the mirror holds —

  customer(id: string): Promise<void> {
    return this.fetch('customer', id, (at) =>
      this.unlessDeleted('customer', id, () => this.stripe.customers.retrieve(id).then((c) => this.adoptCustomer(c, at))),
    );
  }

  product(id: string): Promise<void> {
    return this.fetch('product', id, (at) =>
      this.unlessDeleted('product', id, () => this.stripe.products.retrieve(id).then((p) => this.adoptProduct(p, at))),
    );
  }

  price(id: string): Promise<void> {
    return this.fetch('price', id, (at) =>
      this.unlessDeleted('price', id, () => this.stripe.prices.retrieve(id).then((p) => this.adoptPrice(p, at))),
    );
  }

  subscription(id: string): Promise<void> {
    return this.fetch('subscription', id, (at) => this.stripe.subscriptions.retrieve(id).then((s) => this.adoptSubscription(s, at)));
  }

  invoice(id: string): Promise<void> {
    return this.fetch('invoice', id, (at) =>
      this.stripe.invoices.retrieve(id, { expand: ['payments'] }).then((i) => this.adoptInvoice(i, at)),
    );
  }

  invoicePayment(id: string): Promise<void> {
    return this.fetch('invoicePayment', id, (at) => this.stripe.invoicePayments.retrieve(id).then((p) => this.adoptInvoicePayment(p, at)));
  }

  paymentIntent(id: string): Promise<void> {
    return this.fetch('paymentIntent', id, (at) =>
      this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }).then((p) => this.adoptPaymentIntent(p, at)),
    );
  }

  charge(id: string): Promise<void> {
    return this.fetch('charge', id, async (at) => {
      const charge = await this.stripe.charges.retrieve(id);
      const [refunds, disputes] = await Promise.all([
        charge.amount_refunded > 0 ? this.stripe.refunds.list({ charge: id, limit: 100 }).autoPagingToArray({ limit: 1000 }) : [],
        charge.disputed ? this.stripe.disputes.list({ charge: id, limit: 100 }).autoPagingToArray({ limit: 100 }) : [],
      ]);
      for (const refund of refunds) this.record('refund', refund.id, refund, at);
      for (const dispute of disputes) this.record('dispute', dispute.id, dispute, at);
      await this.adoptCharge(charge, at);
    });
  }

  refund(id: string): Promise<void> {
    return this.fetch('refund', id, async (at) => {
      const refund = await this.stripe.refunds.retrieve(id);
      this.record('refund', id, refund, at);
      // The charge's refunded amount changes with every refund: refresh it, not just ensure it.
      const chargeId = idOf(refund.charge);
      if (chargeId) await this.charge(chargeId);
    });
  }

  dispute(id: string): Promise<void> {
    return this.fetch('dispute', id, async (at) => {
      const dispute = await this.stripe.disputes.retrieve(id);
      this.record('dispute', id, dispute, at);
      await this.charge(idOf(dispute.charge)!);
    });
  }

  checkoutSession(id: string): Promise<void> {
    return this.fetch('checkoutSession', id, async (at) => {
      const session = await this.stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] });
      // A completed session settles its payment, subscription and invoice: refresh them so the
      // success page sees the whole purchase after this one sync.
      const paymentIntentId = idOf(session.payment_intent);
      const subscriptionId = idOf(session.subscription);
      const invoiceId = idOf(session.invoice);
      await Promise.all([
        this.adoptCheckoutSession(session, at),
        paymentIntentId ? this.paymentIntent(paymentIntentId) : null,
        subscriptionId ? this.subscription(subscriptionId) : null,
        invoiceId ? this.invoice(invoiceId) : null,
      ]);
    });
  }

  /** Every InvoicePayment of one payment: the live lookup behind "linking…". */
  async invoicePaymentsForPayment(paymentIntentId: string, options: { timeout?: number } = {}): Promise<number> {
    const at = new Date();
    const list = await this.stripe.invoicePayments.list(
      { payment: { type: 'payment_intent', payment_intent: paymentIntentId }, limit: 100 },
      options.timeout ? { timeout: options.timeout, maxNetworkRetries: 0 } : undefined,
    );
    await Promise.all(list.data.map((payment) => this.adoptInvoicePayment(payment, at)));
    return list.data.length;
  }

  // — adopt: take an object as fetched at `at` (one retrieve, or a list page during reconciliation),
  //   complete its child lists when truncated, and ensure its parents —

  async adoptCustomer(customer: Stripe.Customer | Stripe.DeletedCustomer, at: Date): Promise<void> {
    this.record('customer', customer.id, customer, at);
  }

  async adoptProduct(product: Stripe.Product, at: Date): Promise<void> {
    this.record('product', product.id, product, at);
  }

  async adoptPrice(price: Stripe.Price, at: Date): Promise<void> {
    this.record('price', price.id, price, at);
    await this.ensure('product', idOf(price.product));
  }

  async adoptSubscription(subscription: Stripe.Subscription, at: Date): Promise<void> {
    const items = subscription.items.has_more
      ? await this.stripe.subscriptionItems.list({ subscription: subscription.id, limit: 100 }).autoPagingToArray({ limit: 10_000 })
      : subscription.items.data;
    this.record('subscription', subscription.id, { subscription, items }, at);
    // Item prices arrive as full objects: mirror them as fetched now.
    for (const item of items) this.record('price', item.price.id, item.price, at);
    await Promise.all([
      this.ensure('customer', idOf(subscription.customer)),
      this.ensureAll('product', items.map((item) => idOf(item.price.product))),
    ]);
  }

  async adoptInvoice(invoice: Stripe.Invoice, at: Date): Promise<void> {
    const id = invoice.id!;
    const [lines, payments] = await Promise.all([
      invoice.lines.has_more ? this.stripe.invoices.listLineItems(id, { limit: 100 }).autoPagingToArray({ limit: 10_000 }) : invoice.lines.data,
      // `payments` is expand-only: absent from list pages, so reconciliation lists InvoicePayments on its own.
      invoice.payments?.has_more
        ? this.stripe.invoicePayments.list({ invoice: id, limit: 100 }).autoPagingToArray({ limit: 10_000 })
        : (invoice.payments?.data ?? []),
    ]);
    // Stored without the expand-only `payments` (list pages lack it; InvoicePayments have their own
    // table), so the invoice row is the same whichever path fetched it.
    const { payments: _expandOnly, ...stored } = invoice;
    this.record('invoice', id, { invoice: stored as Stripe.Invoice, lines }, at);
    for (const payment of payments) this.record('invoicePayment', payment.id, payment, at);
    await Promise.all([
      this.ensure('customer', idOf(invoice.customer)),
      this.ensure('subscription', invoice.parent?.subscription_details ? idOf(invoice.parent.subscription_details.subscription) : null),
      this.ensureAll('price', lines.map((line) => (line.pricing?.price_details ? idOf(line.pricing.price_details.price) : null))),
      this.ensureAll('paymentIntent', payments.map((payment) => idOf(payment.payment.payment_intent))),
    ]);
  }

  async adoptInvoicePayment(payment: Stripe.InvoicePayment, at: Date): Promise<void> {
    this.record('invoicePayment', payment.id, payment, at);
    await Promise.all([
      this.ensure('invoice', idOf(payment.invoice)),
      this.ensure('paymentIntent', idOf(payment.payment.payment_intent)),
    ]);
  }

  async adoptPaymentIntent(intent: Stripe.PaymentIntent, at: Date): Promise<void> {
    this.record('paymentIntent', intent.id, intent, at);
    if (intent.latest_charge && typeof intent.latest_charge === 'object') this.record('charge', intent.latest_charge.id, intent.latest_charge, at);
    await this.ensure('customer', idOf(intent.customer));
  }

  async adoptCharge(charge: Stripe.Charge, at: Date): Promise<void> {
    this.record('charge', charge.id, charge, at);
    await Promise.all([this.ensure('paymentIntent', idOf(charge.payment_intent)), this.ensure('customer', idOf(charge.customer))]);
  }

  async adoptRefund(refund: Stripe.Refund, at: Date): Promise<void> {
    this.record('refund', refund.id, refund, at);
    await this.ensure('charge', idOf(refund.charge));
  }

  async adoptDispute(dispute: Stripe.Dispute, at: Date): Promise<void> {
    this.record('dispute', dispute.id, dispute, at);
    await this.ensure('charge', idOf(dispute.charge));
  }

  async adoptCheckoutSession(session: Stripe.Checkout.Session, at: Date): Promise<void> {
    const lineItems =
      !session.line_items || session.line_items.has_more
        ? await this.stripe.checkout.sessions.listLineItems(session.id, { limit: 100 }).autoPagingToArray({ limit: 10_000 })
        : session.line_items.data;
    this.record('checkoutSession', session.id, { session: { ...session, line_items: undefined }, lineItems }, at);
    await Promise.all([
      this.ensure('customer', idOf(session.customer)),
      this.ensure('paymentIntent', idOf(session.payment_intent)),
      this.ensure('subscription', idOf(session.subscription)),
      this.ensure('invoice', idOf(session.invoice)),
      this.ensureAll('price', lineItems.map((item) => item.price?.id ?? null)),
    ]);
  }

  /** Applies a deletion from an event payload (deleted objects cannot be fetched). */
  deleted(kind: 'customer' | 'product' | 'price', object: DeletedObject): void {
    this.snapshots.deleted.push({ kind, object, at: new Date() });
  }

  // — ensure: fetch only when the mirror does not hold the object yet —

  ensure(kind: MirrorKind, id: string | null): Promise<void> {
    return this.ensureAll(kind, id ? [id] : []);
  }

  /** Fetches those of `ids` that are neither mirrored nor part of this run, with one query to check. */
  async ensureAll(kind: MirrorKind, ids: (string | null)[]): Promise<void> {
    const known = this.known.get(kind) ?? this.known.set(kind, new Set()).get(kind)!;
    const wanted = [...new Set(ids)].filter(
      (id): id is string => !!id && !known.has(id) && !this.requested.has(`${kind}:${id}`) && !this.snapshots[kind].has(id),
    );
    if (wanted.length === 0) return;
    const table = tables[kind];
    const found = new Set((await this.db.select({ id: table.id }).from(table).where(inArray(table.id, wanted))).map((r) => r.id));
    for (const id of found) known.add(id);
    await Promise.all(wanted.filter((id) => !found.has(id)).map((id) => (this[kind] as (id: string) => Promise<void>).call(this, id)));
  }

  private record<K extends MirrorKind>(kind: K, id: string, value: MirrorObjects[K], at: Date): void {
    const held = this.snapshots[kind].get(id);
    if (!held || held.at <= at) this.snapshots[kind].set(id, { value, at } as never);
  }

  /**
   * A deleted product or price cannot be fetched any more (Stripe answers a deleted customer with a
   * `deleted: true` stub; some Stripe-compatible servers with a 404). When the mirror already records the
   * deletion, a late event about it (e.g. `product.updated` after `product.deleted`) has nothing
   * left to do; otherwise the error stands and the event is retried.
   */
  private async unlessDeleted(kind: 'customer' | 'product' | 'price', id: string, fetch: () => Promise<void>): Promise<void> {
    try {
      await fetch();
    } catch (error) {
      if ((error as { code?: string }).code !== 'resource_missing') throw error;
      const table = kind === 'customer' ? t.stripeCustomers : kind === 'product' ? t.stripeProducts : t.stripePrices;
      const [row] = await this.db.select({ deleted: table.deleted }).from(table).where(inArray(table.id, [id]));
      if (!row?.deleted) throw error;
    }
  }

  /** Requests an object once per run; `at` is taken just before the request goes out. */
  private fetch(kind: MirrorKind, id: string, request: (at: Date) => Promise<void>): Promise<void> {
    const key = `${kind}:${id}`;
    let pending = this.requested.get(key);
    if (!pending) {
      pending = request(new Date());
      this.requested.set(key, pending);
    }
    return pending;
  }
}
