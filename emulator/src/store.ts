// The in-memory state: every Stripe object by id, per-kind listings, and the hidden facts Stripe
// keeps about an object but does not show (which test card a PaymentMethod is, webhook secrets, …).
import type Stripe from 'stripe';
import type { CardKey } from './cards.js';

export interface ObjectKinds {
  customer: Stripe.Customer;
  product: Stripe.Product;
  price: Stripe.Price;
  payment_method: Stripe.PaymentMethod;
  payment_intent: Stripe.PaymentIntent;
  setup_intent: Stripe.SetupIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  invoiceitem: Stripe.InvoiceItem;
  invoice_payment: Stripe.InvoicePayment;
  'checkout.session': Stripe.Checkout.Session;
  'billing_portal.configuration': Stripe.BillingPortal.Configuration;
  'billing_portal.session': Stripe.BillingPortal.Session;
  event: Stripe.Event;
  webhook_endpoint: Stripe.WebhookEndpoint;
  'test_helpers.test_clock': Stripe.TestHelpers.TestClock;
  token: Stripe.Token;
  coupon: Stripe.Coupon;
  promotion_code: Stripe.PromotionCode;
  discount: Stripe.Discount;
  tax_rate: Stripe.TaxRate;
  credit_note: Stripe.CreditNote;
  subscription_schedule: Stripe.SubscriptionSchedule;
  balance_transaction: Stripe.BalanceTransaction;
  'billing.meter': Stripe.Billing.Meter;
  mandate: Stripe.Mandate;
}
export type Kind = keyof ObjectKinds;
export type AnyObject = ObjectKinds[Kind];

/** Facts Stripe keeps server-side and never returns. */
export interface Extras {
  card?: CardKey;
  /** Token: the (test) card number it stands for, turned into a PaymentMethod once. */
  cardNumber?: string;
  /** A PaymentMethod that completed 3-D Secure for future off-session use. */
  authenticatedForOffSession?: boolean;
  /** The PaymentIntent passed 3-D Secure for its current confirmation. */
  threeDSecurePassed?: boolean;
  invoicePrefix?: string;
  invoiceCount?: number;
  webhookSecret?: string;
  checkoutLineItems?: Stripe.LineItem[];
  /** The PaymentIntent was confirmed off-session (renewals, off_session=true). */
  offSession?: boolean;
  /** The PaymentIntent pays for a Checkout Session, completed when it succeeds. */
  checkoutSession?: string;
  /** Subscription: the trial_will_end event went out for the current trial. */
  trialWillEndSent?: boolean;
  /** Invoice: index into the dunning schedule of the next automatic retry. */
  retryIndex?: number;
  checkoutOptions?: CheckoutOptions;
  /** Coupon: its last state when deleted, still pricing the discounts made from it. */
  deletedCoupon?: Stripe.Coupon;
  /** Price: its tiers (`billing_scheme=tiered`), shown only when `tiers` is expanded. */
  tiers?: Stripe.Price.Tier[];
  /** sepa_debit PaymentMethod: its IBAN (Stripe keeps it, shows only last4). */
  iban?: string;
  /** sepa_debit PaymentMethod: its active multi-use mandate, for later off-session debits. */
  mandate?: string;
  /** SubscriptionSchedule: subscription_schedule.expiring went out (7 days before its end). */
  scheduleExpiringSent?: boolean;
  /** PaymentIntent in `processing` (a bank debit): when it settles, on its customer's clock. */
  debitSettlesAt?: number;
}

/** A meter event as Stripe keeps it: the API object plus whether an adjustment canceled it. */
export interface StoredMeterEvent {
  event: Stripe.Billing.MeterEvent;
  canceled: boolean;
}

/** What a Checkout Session was asked to create, kept until it completes. */
export interface CheckoutOptions {
  trialPeriodDays?: number;
  trialEnd?: number;
  subscriptionMetadata?: Record<string, string>;
  subscriptionDescription?: string;
  paymentIntentMetadata?: Record<string, string>;
  paymentIntentDescription?: string;
  setupFutureUsage?: 'off_session' | 'on_session';
  captureMethod?: 'automatic' | 'automatic_async' | 'manual';
}

interface Entry {
  object: AnyObject;
  seq: number;
}

export class Store {
  private objects = new Map<string, Entry>();
  private byKind = new Map<Kind, Set<string>>();
  private extrasById = new Map<string, Extras>();
  /** Ids of deleted objects: Stripe still answers a retrieve of a deleted customer. */
  private deletedIds = new Map<string, Kind>();
  /** Sorted listings, rebuilt after an insert or delete of that kind (`created` never changes). */
  private sorted = new Map<Kind, AnyObject[]>();
  private seq = 0;
  /** Meter events by identifier (they have no id); append order is arrival order. */
  readonly meterEvents = new Map<string, StoredMeterEvent>();

  insert<K extends Kind>(object: ObjectKinds[K] & { object: K }): ObjectKinds[K] {
    this.objects.set(object.id, { object, seq: ++this.seq });
    let ids = this.byKind.get(object.object);
    if (!ids) this.byKind.set(object.object, (ids = new Set()));
    ids.add(object.id);
    this.sorted.delete(object.object);
    return object;
  }

  get<K extends Kind>(kind: K, id: string): ObjectKinds[K] | undefined {
    const entry = this.objects.get(id);
    return entry && entry.object.object === kind ? (entry.object as ObjectKinds[K]) : undefined;
  }

  /** Any object by id, whatever its kind: what `expand` needs. */
  byId(id: string): AnyObject | undefined {
    return this.objects.get(id)?.object;
  }

  /** Objects of a kind, newest first (creation time, then insertion order). Callers must not mutate the array. */
  list<K extends Kind>(kind: K): readonly ObjectKinds[K][] {
    const cached = this.sorted.get(kind);
    if (cached) return cached as ObjectKinds[K][];
    const ids = this.byKind.get(kind);
    if (!ids) return [];
    const entries: Entry[] = [];
    for (const id of ids) entries.push(this.objects.get(id)!);
    entries.sort((a, b) => createdOf(b.object) - createdOf(a.object) || b.seq - a.seq);
    const objects = entries.map((e) => e.object as ObjectKinds[K]);
    this.sorted.set(kind, objects);
    return objects;
  }

  delete(id: string): void {
    const entry = this.objects.get(id);
    if (!entry) return;
    this.objects.delete(id);
    this.byKind.get(entry.object.object)?.delete(id);
    this.sorted.delete(entry.object.object);
    this.deletedIds.set(id, entry.object.object);
  }

  wasDeleted(kind: Kind, id: string): boolean {
    return this.deletedIds.get(id) === kind;
  }

  extras(id: string): Extras {
    let extras = this.extrasById.get(id);
    if (!extras) this.extrasById.set(id, (extras = {}));
    return extras;
  }

  clear(): void {
    this.objects.clear();
    this.byKind.clear();
    this.extrasById.clear();
    this.sorted.clear();
    this.deletedIds.clear();
    this.meterEvents.clear();
    this.seq = 0;
  }

  toJSON(): PersistedStore {
    return {
      objects: [...this.objects.values()].sort((a, b) => a.seq - b.seq).map((e) => e.object),
      extras: Object.fromEntries(this.extrasById),
      deleted: [...this.deletedIds],
      meterEvents: [...this.meterEvents.values()],
    };
  }

  load(data: PersistedStore): void {
    this.clear();
    for (const object of data.objects) this.insert(object as ObjectKinds[Kind] & { object: Kind });
    for (const [id, extras] of Object.entries(data.extras)) this.extrasById.set(id, extras);
    for (const [id, kind] of data.deleted ?? []) this.deletedIds.set(id, kind);
    for (const stored of data.meterEvents ?? []) this.meterEvents.set(stored.event.identifier, stored);
  }
}

export interface PersistedStore {
  objects: AnyObject[];
  extras: Record<string, Extras>;
  deleted?: [string, Kind][];
  meterEvents?: StoredMeterEvent[];
}

function createdOf(object: AnyObject): number {
  return 'created' in object && typeof object.created === 'number' ? object.created : 0;
}
