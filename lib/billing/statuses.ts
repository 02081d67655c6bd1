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

/** One kind's table: each status's words, the statuses of each tone (the rest are neutral), and the customer's own words where they differ. */
function vocabulary(labels: Record<string, string>, tones: Partial<Record<StatusTone, string[]>>, customer: Record<string, string> = {}): Record<string, StatusWords> {
  const toneOf = (status: string) => (Object.keys(tones) as StatusTone[]).find((tone) => tones[tone]!.includes(status)) ?? 'neutral';
  return Object.fromEntries(Object.entries(labels).map(([status, label]) => [status, { label, customer: customer[status], tone: toneOf(status) }]));
}

const vocabularies = {
  /** PaymentIntent statuses, plus the two a refund derives from `succeeded` (see `paymentDisplayStatus`). */
  payment: vocabulary(
    { succeeded: 'Succeeded', requires_payment_method: 'Failed', processing: 'Processing', requires_action: 'Needs authentication', requires_capture: 'Uncaptured', requires_confirmation: 'Incomplete', canceled: 'Canceled', refunded: 'Refunded', partially_refunded: 'Partially refunded' },
    { good: ['succeeded'], bad: ['requires_payment_method'], warn: ['requires_action'], info: ['processing', 'requires_capture'] },
    { succeeded: 'Paid', requires_capture: 'Authorized' },
  ),
  /** `cancels_at_period_end` is not Stripe's: a live subscription set to end with its period. */
  subscription: vocabulary(
    { active: 'Active', trialing: 'Trialing', past_due: 'Past due', unpaid: 'Unpaid', incomplete: 'Incomplete', incomplete_expired: 'Incomplete expired', canceled: 'Canceled', paused: 'Paused', cancels_at_period_end: 'Cancels at period end' },
    { good: ['active'], info: ['trialing'], warn: ['past_due', 'incomplete'], bad: ['unpaid'] },
    { trialing: 'Free trial', incomplete: 'Awaiting payment', incomplete_expired: 'Expired' },
  ),
  invoice: vocabulary({ draft: 'Draft', open: 'Open', paid: 'Paid', void: 'Void', uncollectible: 'Uncollectible' }, { good: ['paid'], warn: ['open'], bad: ['uncollectible'] }),
  invoicePayment: vocabulary({ open: 'Open', paid: 'Paid', canceled: 'Canceled' }, { good: ['paid'], warn: ['open'] }),
  charge: vocabulary({ succeeded: 'Succeeded', pending: 'Pending', failed: 'Failed' }, { good: ['succeeded'], warn: ['pending'], bad: ['failed'] }),
  refund: vocabulary(
    { succeeded: 'Succeeded', pending: 'Pending', requires_action: 'Requires action', failed: 'Failed', canceled: 'Canceled' },
    { good: ['succeeded'], warn: ['pending', 'requires_action'], bad: ['failed'] },
  ),
  dispute: vocabulary(
    { warning_needs_response: 'Inquiry: needs response', warning_under_review: 'Inquiry: under review', warning_closed: 'Inquiry closed', needs_response: 'Needs response', under_review: 'Under review', won: 'Won', lost: 'Lost' },
    { good: ['won'], warn: ['warning_under_review', 'under_review'], bad: ['warning_needs_response', 'needs_response', 'lost'] },
  ),
  /** The webhook inbox: a stored event's state, plus `retrying` for a pending event after an error. */
  event: vocabulary(
    { pending: 'Pending', retrying: 'Retrying', processed: 'Processed', failed: 'Failed', ignored: 'Ignored' },
    { good: ['processed'], warn: ['pending', 'retrying'], bad: ['failed'] },
  ),
};

export type StatusKind = keyof typeof vocabularies;

/** The words and tone for a status; an unknown code (Stripe adds some) reads as its own words, neutral. */
export function statusWords(kind: StatusKind, status: string, audience: Audience = 'admin'): { label: string; tone: StatusTone } {
  const words: StatusWords | undefined = vocabularies[kind][status];
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
