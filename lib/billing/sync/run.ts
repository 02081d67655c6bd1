// One sync run: the state of Stripe objects — taken from events' snapshots when provably newer than
// the mirror, fetched from the API otherwise — with every parent they reference that is not
// mirrored yet, then all of it written in one transaction.
//
// Ordering strategy (DESIGN invariant 2), snapshot first: the processor hands a run every pending
// event about one object (`observe`), and `settle` decides once for all of them:
//  - the newest event's `data.object` is applied when its `created` is past the Stripe time the
//    mirrored row is known to be from (`as_of_high`: an applied snapshot's `created`; for a fetched
//    row, the response's `Date` and the newest event the fetch answered) — provably newer;
//  - events older than the row's state (`created` before `as_of_low`) change nothing;
//  - anything undecidable is re-fetched: several newest events in the same second with different
//    content, a snapshot in the row's own second(s) with different content, a truncated embedded
//    list (subscription items, invoice lines with `has_more`), a row stamped before stamps existed.
// Each object is fetched at most once per run, so N events about one object cost at most one call.
// The races left — two workers committing in the opposite order — are closed in the writer: a fetch
// lands only when requested after the row was last written (`synced_at`) or provably newer, a
// snapshot only when provably newer, and a terminal status (paid, canceled, void, succeeded…) never
// changes back (write.ts). Deletions are applied from the payload (a deleted object cannot be
// fetched), and deletion is final (write.ts never un-deletes).
//
// Missing parents (invariant 3): every object's parents (customer, price → product, subscription,
// invoice, payment intent, charge) are fetched too when they are not mirrored yet. A failed fetch
// throws, so the event stays pending and is retried; nothing is dropped.
import { isDeepStrictEqual } from 'node:util';
import { eq, inArray } from 'drizzle-orm';
import type { Stripe } from '@/lib/stripe/client';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema/billing';
import { idOf } from '@/lib/stripe/ids';
import {
  writeSnapshots,
  mirroredRaw,
  type ChangeCounts,
  type Snapshots,
  emptySnapshots,
  type MirrorKind,
  type MirrorObjects,
  type DeletedObject,
  type Stamp,
  fetchedStamp,
  isTerminal,
} from './write';

const tables = {
  customer: t.stripeCustomers,
  paymentMethod: t.stripePaymentMethods,
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
  creditNote: t.stripeCreditNotes,
  coupon: t.stripeCoupons,
  promotionCode: t.stripePromotionCodes,
  subscriptionSchedule: t.stripeSubscriptionSchedules,
} as const;

export type KnownIds = Map<MirrorKind, Set<string>>;

/** Objects an event can carry whole in `data.object`, and the snapshot the mirror takes from it. */
export interface Observable {
  customer: Stripe.Customer;
  paymentMethod: Stripe.PaymentMethod;
  product: Stripe.Product;
  price: Stripe.Price;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  invoicePayment: Stripe.InvoicePayment;
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  checkoutSession: Stripe.Checkout.Session;
  creditNote: Stripe.CreditNote;
  coupon: Stripe.Coupon;
  promotionCode: Stripe.PromotionCode;
  subscriptionSchedule: Stripe.SubscriptionSchedule;
}
type Observed = { [K in MirrorKind]: { kind: K; id: string; created: number; object: Observable[K] } }[MirrorKind];


export class SyncRun {
  readonly snapshots: Snapshots = emptySnapshots();
  /** Objects fetched (or being fetched) in this run, so each is requested once. */
  private readonly requested = new Map<string, Promise<void>>();
  /** Events' snapshots handed to this run, per object, waiting for `settle`. */
  private readonly observed = new Map<string, Observed[]>();

  /**
   * @param known ids already known to be mirrored, per kind: skips the existence check for parents.
   *   Reconciliation shares one across its pages; it only ever grows (rows are never removed).
   * @param floor the newest `created` among the events this run answers: whatever it fetches was
   *   requested after those events were received, so its state is at least that new.
   * @param parentInBatch for an object another run of the same batch is settling: a promise of that
   *   run's end. A parent still being settled is waited for, then looked up, instead of fetched.
   */
  constructor(
    readonly stripe: Stripe,
    readonly db: Database,
    private readonly known: KnownIds = new Map(),
    readonly floor: number | null = null,
    private readonly parentInBatch: (id: string) => Promise<void> | undefined = () => undefined,
  ) {}

  /** The stamp of an object fetched by a request sent at `at`, answered by `response`. */
  fetchedStamp(at: Date, response: unknown): Stamp {
    return fetchedStamp(at, response, this.floor);
  }

  // — observe and settle: snapshot first —

  /** Hands the run an event's snapshot of an object; `settle` applies it or fetches instead. */
  observe<K extends MirrorKind>(kind: K, event: { created: number; data: { object: unknown } }): void {
    const object = event.data.object as Observable[K];
    const key = `${kind}:${object.id}`;
    this.observed.set(key, [...(this.observed.get(key) ?? []), { kind, id: object.id!, created: event.created, object } as Observed]);
  }

  /** Decides every observed object: apply the newest snapshot, skip it, or fetch (once). */
  async settle(): Promise<void> {
    const pending = [...this.observed.values()];
    this.observed.clear();
    await Promise.all(pending.map((events) => this.settleOne(events)));
  }

  private async settleOne(events: Observed[]): Promise<void> {
    const { kind, id } = events[0]!;
    // A handler fetched the object itself in this run: what Stripe says now supersedes the snapshots.
    if (this.requested.has(`${kind}:${id}`)) return;
    // A coupon deleted in this run stays deleted, whatever else the run saw about it (deletion is final).
    if (kind === 'coupon' && this.snapshots.coupon.get(id)?.value.deleted === true) return;
    const newest = Math.max(...events.map((e) => e.created));
    let candidates = events.filter((e) => e.created === newest);
    // A terminal status is never left: in one second, a snapshot in one is later than any that is not.
    if (candidates.some((c) => isTerminal(kind, statusOf(c.object)))) candidates = candidates.filter((c) => isTerminal(kind, statusOf(c.object)));
    const snapshot = candidates.at(-1)!;
    const raw = mirroredRaw(kind, asMirrored(snapshot));
    const refetch = () => (this[kind] as (id: string) => Promise<void>).call(this, id);
    // Same second, different content: which came last is not decidable from the payloads.
    if (candidates.some((c) => !isDeepStrictEqual(mirroredRaw(kind, asMirrored(c)), raw))) return refetch();
    if (!complete(snapshot)) return refetch();
    const table = tables[kind];
    const [row] = await this.db
      .select({ raw: table.raw, low: table.asOfLow, high: table.asOfHigh, deleted: 'deleted' in table ? table.deleted : table.id, status: 'status' in table ? table.status : table.id })
      .from(table)
      .where(eq(table.id, id));
    if (row) {
      if (row.deleted === true) return; // deletion is final
      const newer = row.high !== null && newest > row.high;
      if (!newer) {
        if (row.low !== null && newest < row.low) return; // older than what the mirror holds
        if (isDeepStrictEqual(row.raw, raw)) return; // nothing new
        // Undecidable by time; decidable by a terminal status on one side only.
        const terminalRow = isTerminal(kind, row.status);
        const terminalSnapshot = isTerminal(kind, statusOf(snapshot.object));
        if (terminalRow && !terminalSnapshot) return; // the mirror is past it
        if (!terminalSnapshot || terminalRow) return refetch();
        // The terminal snapshot is later than the row; its state is from no earlier than the row's range end.
        return this.adoptObserved(snapshot, { at: new Date(), low: newest, high: row.high === null ? null : Math.max(newest, row.high), fetched: false });
      }
    }
    const stamp: Stamp = { at: new Date(), low: newest, high: newest, fetched: false };
    await this.adoptObserved(snapshot, stamp);
  }

  private async adoptObserved(observed: Observed, stamp: Stamp): Promise<void> {
    switch (observed.kind) {
      case 'customer':
        return this.adoptCustomer(observed.object, stamp);
      case 'paymentMethod':
        return this.adoptPaymentMethod(observed.object, stamp);
      case 'product':
        return this.adoptProduct(observed.object, stamp);
      case 'price':
        return this.adoptPrice(observed.object, stamp);
      case 'subscription':
        return this.adoptSubscription(observed.object, stamp);
      case 'invoice':
        return this.adoptInvoice(observed.object, stamp);
      case 'invoicePayment':
        return this.adoptInvoicePayment(observed.object, stamp);
      case 'paymentIntent':
        return this.adoptPaymentIntent(observed.object, stamp);
      case 'charge':
        return this.adoptCharge(observed.object, stamp);
      case 'refund':
        return this.adoptRefund(observed.object, stamp);
      case 'dispute':
        return this.adoptDispute(observed.object, stamp);
      case 'checkoutSession':
        return this.adoptCheckoutSession(observed.object, stamp);
      case 'creditNote':
        return this.adoptCreditNote(observed.object, stamp);
      case 'coupon':
        return this.adoptCoupon(observed.object, stamp);
      case 'promotionCode':
        return this.adoptPromotionCode(observed.object, stamp);
      case 'subscriptionSchedule':
        return this.adoptSubscriptionSchedule(observed.object, stamp);
    }
  }

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
      this.unlessDeleted('customer', id, () => this.stripe.customers.retrieve(id).then((c) => this.adoptCustomer(c, this.fetchedStamp(at, c)))),
    );
  }

  product(id: string): Promise<void> {
    return this.fetch('product', id, (at) =>
      this.unlessDeleted('product', id, () => this.stripe.products.retrieve(id).then((p) => this.adoptProduct(p, this.fetchedStamp(at, p)))),
    );
  }

  price(id: string): Promise<void> {
    return this.fetch('price', id, (at) =>
      this.unlessDeleted('price', id, () => this.stripe.prices.retrieve(id).then((p) => this.adoptPrice(p, this.fetchedStamp(at, p)))),
    );
  }

  subscription(id: string): Promise<void> {
    return this.fetch('subscription', id, (at) => this.stripe.subscriptions.retrieve(id).then((s) => this.adoptSubscription(s, this.fetchedStamp(at, s))));
  }

  invoice(id: string): Promise<void> {
    return this.fetch('invoice', id, (at) =>
      this.stripe.invoices.retrieve(id, { expand: ['payments'] }).then((i) => this.adoptInvoice(i, this.fetchedStamp(at, i))),
    );
  }

  invoicePayment(id: string): Promise<void> {
    return this.fetch('invoicePayment', id, (at) => this.stripe.invoicePayments.retrieve(id).then((p) => this.adoptInvoicePayment(p, this.fetchedStamp(at, p))));
  }

  paymentIntent(id: string): Promise<void> {
    return this.fetch('paymentIntent', id, (at) =>
      this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }).then((p) => this.adoptPaymentIntent(p, this.fetchedStamp(at, p))),
    );
  }

  charge(id: string): Promise<void> {
    return this.fetch('charge', id, async (at) => {
      const charge = await this.stripe.charges.retrieve(id);
      const stamp = this.fetchedStamp(at, charge);
      const [refunds, disputes] = await Promise.all([
        charge.amount_refunded > 0 ? this.list(this.stripe.refunds.list({ charge: id, limit: 100 })) : [],
        charge.disputed ? this.list(this.stripe.disputes.list({ charge: id, limit: 100 })) : [],
      ]);
      for (const refund of refunds) this.record('refund', refund.id, refund, stamp);
      for (const dispute of disputes) this.record('dispute', dispute.id, dispute, stamp);
      await this.adoptCharge(charge, stamp);
    });
  }

  paymentMethod(id: string): Promise<void> {
    return this.fetch('paymentMethod', id, async (at) => {
      const method = await this.stripe.paymentMethods.retrieve(id);
      await this.adoptPaymentMethod(method, this.fetchedStamp(at, method));
    });
  }

  refund(id: string): Promise<void> {
    return this.fetch('refund', id, async (at) => {
      const refund = await this.stripe.refunds.retrieve(id);
      this.record('refund', id, refund, this.fetchedStamp(at, refund));
      // The charge's refunded amount changes with every refund: refresh it, not just ensure it.
      const chargeId = idOf(refund.charge);
      if (chargeId) await this.charge(chargeId);
    });
  }

  dispute(id: string): Promise<void> {
    return this.fetch('dispute', id, async (at) => {
      const dispute = await this.stripe.disputes.retrieve(id);
      this.record('dispute', id, dispute, this.fetchedStamp(at, dispute));
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
        this.adoptCheckoutSession(session, this.fetchedStamp(at, session)),
        paymentIntentId ? this.paymentIntent(paymentIntentId) : null,
        subscriptionId ? this.subscription(subscriptionId) : null,
        invoiceId ? this.invoice(invoiceId) : null,
      ]);
    });
  }

  creditNote(id: string): Promise<void> {
    return this.fetch('creditNote', id, (at) => this.stripe.creditNotes.retrieve(id).then((c) => this.adoptCreditNote(c, this.fetchedStamp(at, c))));
  }

  coupon(id: string): Promise<void> {
    return this.fetch('coupon', id, (at) => this.stripe.coupons.retrieve(id).then((c) => this.adoptCoupon(c, this.fetchedStamp(at, c))));
  }

  promotionCode(id: string): Promise<void> {
    return this.fetch('promotionCode', id, (at) => this.stripe.promotionCodes.retrieve(id).then((p) => this.adoptPromotionCode(p, this.fetchedStamp(at, p))));
  }

  subscriptionSchedule(id: string): Promise<void> {
    return this.fetch('subscriptionSchedule', id, (at) =>
      this.stripe.subscriptionSchedules.retrieve(id).then((s) => this.adoptSubscriptionSchedule(s, this.fetchedStamp(at, s))),
    );
  }

  /** Every InvoicePayment of one payment: the live lookup behind "linking…". */
  async invoicePaymentsForPayment(paymentIntentId: string, options: { timeout?: number } = {}): Promise<number> {
    const at = new Date();
    const list = await this.stripe.invoicePayments.list(
      { payment: { type: 'payment_intent', payment_intent: paymentIntentId }, limit: 100 },
      options.timeout ? { timeout: options.timeout, maxNetworkRetries: 0 } : undefined,
    );
    const stamp = this.fetchedStamp(at, list);
    await Promise.all(list.data.map((payment) => this.adoptInvoicePayment(payment, stamp)));
    return list.data.length;
  }

  // — adopt: take an object as of `stamp` (one retrieve, a list page during reconciliation, or an
  //   event's snapshot), complete its child lists when truncated, and ensure its parents —

  async adoptCustomer(customer: Stripe.Customer | Stripe.DeletedCustomer, stamp: Stamp): Promise<void> {
    this.record('customer', customer.id, customer, stamp);
  }

  async adoptProduct(product: Stripe.Product, stamp: Stamp): Promise<void> {
    this.record('product', product.id, product, stamp);
  }

  async adoptPrice(price: Stripe.Price, stamp: Stamp): Promise<void> {
    this.record('price', price.id, price, stamp);
    await this.ensure('product', idOf(price.product));
  }

  async adoptSubscription(subscription: Stripe.Subscription, stamp: Stamp): Promise<void> {
    const items = subscription.items.has_more
      ? await this.list(this.stripe.subscriptionItems.list({ subscription: subscription.id, limit: 100 }))
      : subscription.items.data;
    this.record('subscription', subscription.id, { subscription, items }, stamp);
    // Item prices arrive as full objects: mirror them as fetched now.
    for (const item of items) this.record('price', item.price.id, item.price, stamp);
    await Promise.all([
      this.ensure('customer', idOf(subscription.customer)),
      this.ensureAll('product', items.map((item) => idOf(item.price.product))),
    ]);
  }

  async adoptInvoice(invoice: Stripe.Invoice, stamp: Stamp): Promise<void> {
    const id = invoice.id!;
    const [lines, payments] = await Promise.all([
      invoice.lines.has_more ? this.list(this.stripe.invoices.listLineItems(id, { limit: 100 })) : invoice.lines.data,
      // `payments` is expand-only: absent from list pages, so reconciliation lists InvoicePayments on its own.
      invoice.payments?.has_more
        ? this.list(this.stripe.invoicePayments.list({ invoice: id, limit: 100 }))
        : (invoice.payments?.data ?? []),
    ]);
    // Stored without the expand-only `payments` (list pages lack it; InvoicePayments have their own
    // table), so the invoice row is the same whichever path fetched it.
    const { payments: _expandOnly, ...stored } = invoice;
    this.record('invoice', id, { invoice: stored as Stripe.Invoice, lines }, stamp);
    for (const payment of payments) this.record('invoicePayment', payment.id, payment, stamp);
    await Promise.all([
      this.ensure('customer', idOf(invoice.customer)),
      this.ensure('subscription', invoice.parent?.subscription_details ? idOf(invoice.parent.subscription_details.subscription) : null),
      this.ensureAll('price', lines.map((line) => (line.pricing?.price_details ? idOf(line.pricing.price_details.price) : null))),
      this.ensureAll('paymentIntent', payments.map((payment) => idOf(payment.payment.payment_intent))),
    ]);
  }

  async adoptInvoicePayment(payment: Stripe.InvoicePayment, stamp: Stamp): Promise<void> {
    this.record('invoicePayment', payment.id, payment, stamp);
    await Promise.all([
      this.ensure('invoice', idOf(payment.invoice)),
      this.ensure('paymentIntent', idOf(payment.payment.payment_intent)),
    ]);
  }

  async adoptPaymentIntent(intent: Stripe.PaymentIntent, stamp: Stamp): Promise<void> {
    this.record('paymentIntent', intent.id, intent, stamp);
    if (intent.latest_charge && typeof intent.latest_charge === 'object') this.record('charge', intent.latest_charge.id, intent.latest_charge, stamp);
    await this.ensure('customer', idOf(intent.customer));
  }

  async adoptCharge(charge: Stripe.Charge, stamp: Stamp): Promise<void> {
    this.record('charge', charge.id, charge, stamp);
    await Promise.all([this.ensure('paymentIntent', idOf(charge.payment_intent)), this.ensure('customer', idOf(charge.customer))]);
  }

  async adoptPaymentMethod(method: Stripe.PaymentMethod, stamp: Stamp): Promise<void> {
    this.record('paymentMethod', method.id, method, stamp);
    await this.ensure('customer', idOf(method.customer));
  }

  async adoptRefund(refund: Stripe.Refund, stamp: Stamp): Promise<void> {
    this.record('refund', refund.id, refund, stamp);
    await this.ensure('charge', idOf(refund.charge));
  }

  async adoptDispute(dispute: Stripe.Dispute, stamp: Stamp): Promise<void> {
    this.record('dispute', dispute.id, dispute, stamp);
    await this.ensure('charge', idOf(dispute.charge));
  }

  async adoptCheckoutSession(session: Stripe.Checkout.Session, stamp: Stamp): Promise<void> {
    // Line items never change once a session exists: an event's snapshot (which lacks them) keeps the mirrored ones.
    const lineItems =
      session.line_items && !session.line_items.has_more
        ? session.line_items.data
        : !session.line_items && (await this.hasCheckoutLines(session.id))
          ? null
          : await this.list(this.stripe.checkout.sessions.listLineItems(session.id, { limit: 100 }));
    this.record('checkoutSession', session.id, { session: { ...session, line_items: undefined }, lineItems }, stamp);
    await Promise.all([
      this.ensure('customer', idOf(session.customer)),
      this.ensure('paymentIntent', idOf(session.payment_intent)),
      this.ensure('subscription', idOf(session.subscription)),
      this.ensure('invoice', idOf(session.invoice)),
      this.ensureAll('price', (lineItems ?? []).map((item) => item.price?.id ?? null)),
    ]);
  }

  async adoptCreditNote(creditNote: Stripe.CreditNote, stamp: Stamp): Promise<void> {
    this.record('creditNote', creditNote.id, creditNote, stamp);
    await Promise.all([
      this.ensure('customer', idOf(creditNote.customer)),
      this.ensure('invoice', idOf(creditNote.invoice)),
      this.ensureAll('refund', creditNote.refunds.map((r) => idOf(r.refund))),
    ]);
  }

  async adoptCoupon(coupon: Stripe.Coupon, stamp: Stamp): Promise<void> {
    this.record('coupon', coupon.id, coupon, stamp);
  }

  async adoptPromotionCode(promotionCode: Stripe.PromotionCode, stamp: Stamp): Promise<void> {
    this.record('promotionCode', promotionCode.id, promotionCode, stamp);
    await this.ensure('coupon', idOf(promotionCode.promotion.coupon));
  }

  async adoptSubscriptionSchedule(schedule: Stripe.SubscriptionSchedule, stamp: Stamp): Promise<void> {
    this.record('subscriptionSchedule', schedule.id, schedule, stamp);
    await Promise.all([this.ensure('customer', idOf(schedule.customer)), this.ensure('subscription', idOf(schedule.subscription))]);
  }

  /** A deleted coupon, from its event's payload (it cannot be fetched any more): kept, flagged deleted, no longer redeemable. */
  deletedCoupon(event: { created: number; data: { object: Stripe.Coupon } }): void {
    this.record('coupon', event.data.object.id, { ...event.data.object, valid: false, deleted: true }, { at: new Date(), low: event.created, high: null, fetched: false });
  }

  /** Applies a deletion from an event payload (deleted objects cannot be fetched). */
  deleted(kind: 'customer' | 'product' | 'price', object: DeletedObject): void {
    const created = this.floor ?? 0;
    this.snapshots.deleted.push({ kind, object, at: new Date(), low: created, high: created, fetched: false });
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
    await Promise.all(wanted.map((id) => this.parentInBatch(id)));
    const table = tables[kind];
    const found = new Set((await this.db.select({ id: table.id }).from(table).where(inArray(table.id, wanted))).map((r) => r.id));
    for (const id of found) known.add(id);
    await Promise.all(wanted.filter((id) => !found.has(id)).map((id) => (this[kind] as (id: string) => Promise<void>).call(this, id)));
  }

  private record<K extends MirrorKind>(kind: K, id: string, value: MirrorObjects[K], stamp: Stamp): void {
    const held = this.snapshots[kind].get(id);
    if (!held || held.at <= stamp.at) this.snapshots[kind].set(id, { value, ...stamp } as never);
  }

  /** Every page of a list (the rest of a truncated embedded list). */
  private list<T>(list: Stripe.ApiListPromise<T>): Promise<T[]> {
    return list.autoPagingToArray({ limit: 10_000 });
  }

  private async hasCheckoutLines(sessionId: string): Promise<boolean> {
    const lines = await this.db
      .select({ id: t.stripeCheckoutLineItems.id })
      .from(t.stripeCheckoutLineItems)
      .where(eq(t.stripeCheckoutLineItems.sessionId, sessionId))
      .limit(1);
    return lines.length > 0;
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

/** The mirror's value for an event's snapshot (an invoice's lines and a subscription's items as embedded). */
function asMirrored(observed: Observed): MirrorObjects[MirrorKind] {
  switch (observed.kind) {
    case 'subscription':
      return { subscription: observed.object, items: observed.object.items.data };
    case 'invoice': {
      const { payments: _expandOnly, ...invoice } = observed.object;
      return { invoice: invoice as Stripe.Invoice, lines: observed.object.lines.data };
    }
    case 'checkoutSession':
      return { session: { ...observed.object, line_items: undefined }, lineItems: null };
    default:
      return observed.object;
  }
}

/** Stripe's `object` name for each kind. */
const objectNames: Record<MirrorKind, string> = {
  customer: 'customer',
  paymentMethod: 'payment_method',
  product: 'product',
  price: 'price',
  subscription: 'subscription',
  invoice: 'invoice',
  invoicePayment: 'invoice_payment',
  paymentIntent: 'payment_intent',
  charge: 'charge',
  refund: 'refund',
  dispute: 'dispute',
  checkoutSession: 'checkout.session',
  creditNote: 'credit_note',
  coupon: 'coupon',
  promotionCode: 'promotion_code',
  subscriptionSchedule: 'subscription_schedule',
};

/**
 * Whether a snapshot holds what the mirror needs: the whole object of the expected kind, with its
 * embedded lists whole (subscription items, invoice lines). Otherwise the object is fetched.
 */
function complete(observed: Observed): boolean {
  const object = observed.object as unknown as { object?: unknown; created?: unknown };
  if (object.object !== objectNames[observed.kind] || typeof object.created !== 'number') return false;
  if (observed.kind === 'subscription') return Array.isArray(observed.object.items?.data) && !observed.object.items.has_more;
  if (observed.kind === 'invoice') return Array.isArray(observed.object.lines?.data) && !observed.object.lines.has_more;
  return true;
}

function statusOf(object: unknown): string | null {
  const status = (object as { status?: unknown }).status;
  return typeof status === 'string' ? status : null;
}
