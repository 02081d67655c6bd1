// Every Stripe status (and refund or dispute reason) Paydesk puts on screen: the words and the tone
// of its badge, one table per kind of object. Pages, badges, filters and the CSV export read these
// tables; nothing else turns a status code into words. Safe to import from client components.

/** The colour family of a badge; the colour only repeats what the words say. */
export type StatusTone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

/** Admins read Stripe's own terms; a customer reads what the payment means to them ("Paid"). */
export type Audience = 'admin' | 'customer';

interface StatusWords {
  label: string;
  /** Where a customer's wording differs from the admin's. */
  customer?: string;
  tone: StatusTone;
}

/** PaymentIntent statuses, plus the two a refund derives from `succeeded` (see `paymentDisplayStatus`). */
const payment = {
  succeeded: { label: 'Succeeded', customer: 'Paid', tone: 'good' },
  requires_payment_method: { label: 'Failed', tone: 'bad' },
  processing: { label: 'Processing', tone: 'info' },
  requires_action: { label: 'Needs authentication', tone: 'warn' },
  requires_capture: { label: 'Uncaptured', customer: 'Authorized', tone: 'info' },
  requires_confirmation: { label: 'Incomplete', tone: 'neutral' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  refunded: { label: 'Refunded', tone: 'neutral' },
  partially_refunded: { label: 'Partially refunded', tone: 'neutral' },
} satisfies Record<string, StatusWords>;

const subscription = {
  active: { label: 'Active', tone: 'good' },
  trialing: { label: 'Trialing', customer: 'Free trial', tone: 'info' },
  past_due: { label: 'Past due', tone: 'warn' },
  unpaid: { label: 'Unpaid', tone: 'bad' },
  incomplete: { label: 'Incomplete', customer: 'Awaiting payment', tone: 'warn' },
  incomplete_expired: { label: 'Incomplete expired', customer: 'Expired', tone: 'neutral' },
  canceled: { label: 'Canceled', tone: 'neutral' },
  paused: { label: 'Paused', tone: 'neutral' },
  /** Not a Stripe status: a live subscription with `cancel_at_period_end`. */
  cancels_at_period_end: { label: 'Cancels at period end', tone: 'neutral' },
} satisfies Record<string, StatusWords>;

const invoice = {
  draft: { label: 'Draft', tone: 'neutral' },
  open: { label: 'Open', tone: 'warn' },
  paid: { label: 'Paid', tone: 'good' },
  void: { label: 'Void', tone: 'neutral' },
  uncollectible: { label: 'Uncollectible', tone: 'bad' },
} satisfies Record<string, StatusWords>;

const invoicePayment = {
  open: { label: 'Open', tone: 'warn' },
  paid: { label: 'Paid', tone: 'good' },
  canceled: { label: 'Canceled', tone: 'neutral' },
} satisfies Record<string, StatusWords>;

const charge = {
  succeeded: { label: 'Succeeded', tone: 'good' },
  pending: { label: 'Pending', tone: 'warn' },
  failed: { label: 'Failed', tone: 'bad' },
} satisfies Record<string, StatusWords>;

const refund = {
  succeeded: { label: 'Succeeded', tone: 'good' },
  pending: { label: 'Pending', tone: 'warn' },
  requires_action: { label: 'Requires action', tone: 'warn' },
  failed: { label: 'Failed', tone: 'bad' },
  canceled: { label: 'Canceled', tone: 'neutral' },
} satisfies Record<string, StatusWords>;

const dispute = {
  warning_needs_response: { label: 'Inquiry: needs response', tone: 'bad' },
  warning_under_review: { label: 'Inquiry: under review', tone: 'warn' },
  warning_closed: { label: 'Inquiry closed', tone: 'neutral' },
  needs_response: { label: 'Needs response', tone: 'bad' },
  under_review: { label: 'Under review', tone: 'warn' },
  won: { label: 'Won', tone: 'good' },
  lost: { label: 'Lost', tone: 'bad' },
} satisfies Record<string, StatusWords>;

/** The webhook inbox: a stored event's state, plus `retrying` for a pending event after an error. */
const event = {
  pending: { label: 'Pending', tone: 'warn' },
  retrying: { label: 'Retrying', tone: 'warn' },
  processed: { label: 'Processed', tone: 'good' },
  failed: { label: 'Failed', tone: 'bad' },
  ignored: { label: 'Ignored', tone: 'neutral' },
} satisfies Record<string, StatusWords>;

const vocabularies = { payment, subscription, invoice, invoicePayment, charge, refund, dispute, event } as const;

export type StatusKind = keyof typeof vocabularies;

/** The words and tone for a status; an unknown code (Stripe adds some) reads as its own words, neutral. */
export function statusWords(kind: StatusKind, status: string, audience: Audience = 'admin'): { label: string; tone: StatusTone } {
  const words: StatusWords | undefined = (vocabularies[kind] as Record<string, StatusWords>)[status];
  if (!words) return { label: codeWords(status), tone: 'neutral' };
  return { label: (audience === 'customer' && words.customer) || words.label, tone: words.tone };
}

export function statusLabel(kind: StatusKind, status: string, audience: Audience = 'admin'): string {
  return statusWords(kind, status, audience).label;
}

/** The PaymentIntent statuses an admin can filter payments on, in the table's words. */
export const filterablePaymentStatuses = ['succeeded', 'requires_payment_method', 'processing', 'requires_action', 'requires_capture', 'canceled'] as const;

/** How a payment's state reads: a succeeded payment becomes (partially) refunded once refunds take money back. */
export function paymentDisplayStatus(payment: { status: string; amountReceived: number; amountRefunded: number }): string {
  if (payment.status !== 'succeeded' || payment.amountRefunded <= 0) return payment.status;
  return payment.amountRefunded >= payment.amountReceived ? 'refunded' : 'partially_refunded';
}

/** Disputes still in play: evidence may be due, and the money is held. */
export const openDisputeStatuses = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'];

/** A dispute (or inquiry) that waits for the merchant's evidence. */
export function disputeAwaitsResponse(status: string): boolean {
  return status === 'needs_response' || status === 'warning_needs_response';
}

/** The reasons Stripe takes when a refund is created. */
export const refundReasons = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

const refundReasonLabels: Record<string, string> = {
  requested_by_customer: 'Requested by the customer',
  duplicate: 'Duplicate payment',
  fraudulent: 'Fraudulent',
};

/** A refund's reason code in words ("Requested by the customer"). */
export function refundReasonLabel(reason: string): string {
  return refundReasonLabels[reason] ?? codeWords(reason);
}

/** A dispute's reason code in words ("Product not received"): Stripe's codes read well as they are. */
export function disputeReasonLabel(reason: string): string {
  return codeWords(reason);
}

/** "product_not_received" → "Product not received". */
function codeWords(code: string): string {
  const text = code.replace(/[_.]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
