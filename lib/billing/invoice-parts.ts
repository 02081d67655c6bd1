// Invoices paid in parts: a customer pays part of an open invoice now and the rest later, each part a
// PaymentIntent of their own attached to the invoice (POST /v1/invoices/:id/attach_payment), which
// Stripe credits to the invoice when it succeeds. Also the invoice view every part and credit note
// of an invoice is read from (the mirror only).
//
// When parts are offered: on every open invoice Stripe accepts them on (not a subscription invoice
// charged automatically: Stripe refuses those) that owes at least twice the currency's minimum
// charge. No fixed threshold: a part below the minimum charge cannot be charged, and a rest below
// it could never be paid, so the bounds follow from that alone — a part is at least the minimum, at
// most what is owed, and leaves nothing or at least the minimum for later.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, Stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import { UserError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { syncWith } from './sync';

/**
 * Stripe's minimum charge amounts (minor units), from its currency documentation. Currencies not
 * listed are paid in full only: Paydesk does not guess a minimum.
 */
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50, aud: 50, brl: 50, cad: 50, chf: 50, eur: 50, inr: 50, nzd: 50, sgd: 50,
  gbp: 30, dkk: 250, nok: 300, sek: 300, pln: 200, ron: 200, aed: 200, myr: 200, bgn: 100,
  hkd: 400, czk: 1500, huf: 17500, mxn: 1000, thb: 1000, jpy: 50,
};

export function minimumCharge(currency: string): number | null {
  return MINIMUM_CHARGE[currency.toLowerCase()] ?? null;
}

/** Whether an invoice can be paid in parts at all (see the header); `remaining` in minor units. */
export function acceptsParts(invoice: { remaining: number; currency: string; collectionMethod: string | null; subscriptionId: string | null; status: string | null }): boolean {
  const min = minimumCharge(invoice.currency);
  if (invoice.status !== 'open' || min === null || invoice.remaining < 2 * min) return false;
  return !(invoice.subscriptionId && invoice.collectionMethod !== 'send_invoice');
}

/**
 * Why `amount` cannot be paid now on an invoice owing `remaining`, or null when it can. Paying the
 * whole of what is owed is always allowed; a smaller part only where parts are accepted.
 */
export function partProblem(amount: number, invoice: Parameters<typeof acceptsParts>[0]): string | null {
  const money = (n: number) => formatMoney(n, invoice.currency);
  if (invoice.status !== 'open' || invoice.remaining <= 0) return 'This invoice has nothing left to pay.';
  if (!Number.isSafeInteger(amount) || amount < 1) return 'Enter an amount greater than zero.';
  if (amount > invoice.remaining) return `You owe ${money(invoice.remaining)} on this invoice: enter at most that.`;
  if (amount === invoice.remaining) return null;
  if (!acceptsParts(invoice)) return `This invoice can only be paid in full (${money(invoice.remaining)}).`;
  const min = minimumCharge(invoice.currency)!;
  if (amount < min) return `The smallest part you can pay is ${money(min)}.`;
  if (invoice.remaining - amount < min) return `Leave at least ${money(min)} for later, or pay the whole ${money(invoice.remaining)}.`;
  return null;
}

export interface InvoicePart {
  id: string;
  paymentIntentId: string | null;
  /** The InvoicePayment's status: paid, or open while its payment is under way. */
  status: string;
  /** What the part paid (paid parts), else what it asks for. */
  amount: number;
  paidAt: Date | null;
  created: Date;
  card: { brand: string; last4: string } | null;
  refunded: number;
}

export interface InvoiceCreditNote {
  id: string;
  number: string | null;
  status: string;
  type: string;
  reason: string | null;
  amount: number;
  /** Given back as refunds (linked refunds included). */
  refunded: number;
  created: Date;
}

export interface InvoiceView {
  id: string;
  number: string | null;
  status: string | null;
  currency: string;
  total: number;
  amountPaid: number;
  remaining: number;
  created: Date;
  dueDate: Date | null;
  collectionMethod: string | null;
  subscriptionId: string | null;
  /** Still owed: open with money due, and not the first invoice of a subscription abandoned before it started. */
  owed: boolean;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  lines: { name: string; quantity: number | null; amount: number }[];
  parts: InvoicePart[];
  creditNotes: InvoiceCreditNote[];
}

const invoiceRow = z.object({
  id: column.text,
  number: column.text.nullable(),
  status: column.text.nullable(),
  currency: column.text,
  total: column.integer,
  amount_paid: column.integer,
  amount_remaining: column.integer,
  created: column.timestamp,
  due_date: column.integer.nullable(),
  collection_method: column.text.nullable(),
  subscription_id: column.text.nullable(),
  owed: column.boolean,
  hosted_invoice_url: column.text.nullable(),
  invoice_pdf: column.text.nullable(),
  lines: z.array(z.object({ name: column.text, quantity: column.integer.nullable(), amount: column.integer })),
  parts: z.array(
    z.object({
      id: column.text,
      paymentIntentId: column.text.nullable(),
      status: column.text,
      amount: column.integer,
      paidAt: column.timestamp.nullable(),
      created: column.timestamp,
      cardBrand: column.text.nullable(),
      cardLast4: column.text.nullable(),
      refunded: column.integer,
    }),
  ),
  credit_notes: z.array(
    z.object({
      id: column.text,
      number: column.text.nullable(),
      status: column.text,
      type: column.text,
      reason: column.text.nullable(),
      amount: column.integer,
      refunded: column.integer,
      created: column.timestamp,
    }),
  ),
});

/**
 * Whether invoice `i` is still owed: open with money due, unless it is the first invoice of a
 * subscription that never started (incomplete; Stripe voids it when the subscription expires) —
 * paying that would start a second subscription.
 */
const owedInvoice = sql`(i.status = 'open' and i.amount_remaining > 0 and not exists (
  select 1 from stripe_subscriptions s where s.id = i.subscription_id and s.status in ('incomplete', 'incomplete_expired')))`;

/** One invoice of one customer with its parts and credit notes, from the mirror; null when not theirs. */
export async function invoiceView(customerId: string, invoiceId: string, options: { db?: Database } = {}): Promise<InvoiceView | null> {
  const db = options.db ?? (await getDb());
  const [row] = await rows(
    db,
    sql`
    select i.id, i.number, i.status, i.currency, i.total, i.amount_paid, i.amount_remaining, i.created,
      (i.raw ->> 'due_date')::bigint as due_date, i.raw ->> 'collection_method' as collection_method, i.subscription_id,
      ${owedInvoice} as owed,
      i.hosted_invoice_url, i.invoice_pdf,
      coalesce((select json_agg(json_build_object('name', coalesce(p.name, l.description, ''), 'quantity', l.quantity, 'amount', l.amount) order by l.amount desc, l.id)
                from stripe_invoice_lines l left join stripe_products p on p.id = l.product_id where l.invoice_id = i.id), '[]'::json) as lines,
      coalesce((select json_agg(json_build_object(
                  'id', ip.id, 'paymentIntentId', ip.payment_intent_id, 'status', ip.status,
                  'amount', coalesce(ip.amount_paid, ip.amount_requested), 'paidAt', ip.paid_at, 'created', ip.created,
                  'cardBrand', ch.card_brand, 'cardLast4', ch.card_last4,
                  'refunded', coalesce((select sum(r.amount) from stripe_refunds r
                                        where r.payment_intent_id = ip.payment_intent_id and (r.status is null or r.status not in ('failed', 'canceled'))), 0))
                  order by coalesce(ip.paid_at, ip.created), ip.id)
                from stripe_invoice_payments ip
                left join stripe_payment_intents pi on pi.id = ip.payment_intent_id
                left join stripe_charges ch on ch.id = pi.latest_charge_id
                where ip.invoice_id = i.id and ip.status <> 'canceled'
                  -- The invoice's own PaymentIntent is not a payment until someone pays with it.
                  and not (ip.is_default and ip.status = 'open')
                  and (ip.status = 'paid' or pi.status in ('processing', 'requires_action', 'succeeded'))), '[]'::json) as parts,
      coalesce((select json_agg(json_build_object(
                  'id', cn.id, 'number', cn.number, 'status', cn.status, 'type', cn.type, 'reason', cn.reason, 'amount', cn.amount,
                  'refunded', coalesce((select sum((r ->> 'amount_refunded')::bigint) from jsonb_array_elements(cn.raw -> 'refunds') r), 0),
                  'created', cn.created)
                  order by cn.created, cn.id)
                from stripe_credit_notes cn where cn.invoice_id = i.id), '[]'::json) as credit_notes
    from stripe_invoices i
    where i.id = ${invoiceId} and i.customer_id = ${customerId}`,
    invoiceRow,
  );
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    total: row.total,
    amountPaid: row.amount_paid,
    remaining: row.amount_remaining,
    created: row.created,
    dueDate: row.due_date === null ? null : new Date(row.due_date * 1000),
    collectionMethod: row.collection_method,
    subscriptionId: row.subscription_id,
    owed: row.owed,
    hostedInvoiceUrl: row.hosted_invoice_url,
    invoicePdf: row.invoice_pdf,
    lines: row.lines,
    parts: row.parts.map(({ cardBrand, cardLast4, ...part }) => ({ ...part, card: cardBrand && cardLast4 ? { brand: cardBrand, last4: cardLast4 } : null })),
    creditNotes: row.credit_notes,
  };
}

/** The invoice view's bounds input. */
export function partsInput(view: InvoiceView): Parameters<typeof acceptsParts>[0] {
  return { remaining: view.remaining, currency: view.currency, collectionMethod: view.collectionMethod, subscriptionId: view.subscriptionId, status: view.status };
}

export interface OpenInvoice {
  id: string;
  number: string | null;
  currency: string;
  total: number;
  remaining: number;
  dueDate: Date | null;
}

/** The customer's open invoices with money still owed, oldest first (the mirror). */
export async function openInvoices(customerId: string, options: { db?: Database } = {}): Promise<OpenInvoice[]> {
  const db = options.db ?? (await getDb());
  const found = await rows(
    db,
    sql`select i.id, i.number, i.currency, i.total, i.amount_remaining, (i.raw ->> 'due_date')::bigint as due_date from stripe_invoices i
        where i.customer_id = ${customerId} and ${owedInvoice} order by i.created, i.id limit 50`,
    z.object({ id: column.text, number: column.text.nullable(), currency: column.text, total: column.integer, amount_remaining: column.integer, due_date: column.integer.nullable() }),
  );
  return found.map((r) => ({ id: r.id, number: r.number, currency: r.currency, total: r.total, remaining: r.amount_remaining, dueDate: r.due_date === null ? null : new Date(r.due_date * 1000) }));
}

export interface PartRequest {
  invoiceId: string;
  /** Minor units. */
  amount: number;
  /** Generated when the payment form mounted: the same attempt again returns the same PaymentIntent. */
  attemptId: string;
}

/**
 * Starts paying `amount` of the user's own open invoice: a PaymentIntent for the part, attached to
 * the invoice, both sent with idempotency keys derived from the attempt (a double submit or a
 * retried request creates and attaches one part, once; Stripe keeps keys for 24 hours, far longer
 * than a payment form lives). Checked against Stripe's invoice, not only the mirror. Returns
 * the secret the Payment Element confirms.
 */
export async function startInvoicePart(user: CustomerOwner, request: PartRequest, options: { db?: Database; stripe?: Stripe } = {}): Promise<{ clientSecret: string; paymentIntentId: string }> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  const invoice = customerId ? await retrieveInvoice(client, request.invoiceId) : null;
  if (!invoice || !customerId || idOf(invoice.customer) !== customerId) throw new UserError('This invoice is not one of yours.');

  const problem = partProblem(request.amount, {
    remaining: invoice.amount_remaining,
    currency: invoice.currency,
    collectionMethod: invoice.collection_method,
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription ?? null),
    status: invoice.status,
  });
  if (problem) throw new UserError(problem);

  try {
    const intent = await client.paymentIntents.create(
      {
        amount: request.amount,
        currency: invoice.currency,
        customer: customerId,
        automatic_payment_methods: { enabled: true },
        description: `Payment towards invoice ${invoice.number ?? invoice.id}`,
        metadata: { paydesk_invoice: invoice.id, paydesk_attempt: request.attemptId, user_id: user.id },
      },
      { idempotencyKey: `paydesk-invoice-part-${request.attemptId}` },
    );
    await client.invoices.attachPayment(invoice.id, { payment_intent: intent.id }, { idempotencyKey: `paydesk-invoice-part-attach-${request.attemptId}` });
    return { clientSecret: intent.client_secret!, paymentIntentId: intent.id };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError) throw new UserError('This payment form was already used for another amount. Reload the page and start again.');
    if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new UserError(error.message);
    throw error;
  }
}

async function retrieveInvoice(client: Stripe, id: string): Promise<Stripe.Invoice | null> {
  try {
    return await client.invoices.retrieve(id);
  } catch (error) {
    if ((error as { code?: string }).code === 'resource_missing') return null;
    throw error;
  }
}

/**
 * The return from the payment form: the part's PaymentIntent must be the user's and attached to this
 * invoice; the payment and the invoice (with its parts) are synced so the page shows the result.
 * Returns the part's status, or null when the id is not one of this invoice's parts.
 */
export async function settleInvoicePart(user: CustomerOwner, invoiceId: string, paymentIntentId: string, options: { db?: Database; stripe?: Stripe } = {}): Promise<{ status: string; amount: number; message: string | null } | null> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  if (!customerId) return null;
  let intent: Stripe.PaymentIntent;
  try {
    intent = await client.paymentIntents.retrieve(paymentIntentId);
  } catch (error) {
    if ((error as { code?: string }).code === 'resource_missing') return null;
    throw error;
  }
  if (idOf(intent.customer) !== customerId || intent.metadata?.paydesk_invoice !== invoiceId) return null;
  await syncWith((run) => Promise.all([run.paymentIntent(intent.id), run.invoice(invoiceId)]), { db, stripe: client });
  return { status: intent.status, amount: intent.amount, message: intent.last_payment_error?.message ?? null };
}
