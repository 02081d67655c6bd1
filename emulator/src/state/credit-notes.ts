// Credit notes: reduce what an open invoice still asks for (pre-payment), or give back part of a
// paid one (post-payment) as a refund, customer-balance credit or out-of-band credit; voidable.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { wireDecimal } from '../decimal.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { paymentsOfInvoice } from './invoice-payments.js';
import { refundCharge } from './refunds.js';

const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

export function createCreditNote(emu: Emulator, params: Params): Stripe.CreditNote {
  params.only('invoice', 'lines', 'amount', 'credit_amount', 'refund_amount', 'out_of_band_amount', 'reason', 'memo', 'metadata', 'refunds', 'effective_at', 'email_type', 'shipping_cost');
  const invoice = mustGet(emu, 'invoice', params.requiredStr('invoice'), 'invoice');
  if (invoice.status !== 'open' && invoice.status !== 'paid') {
    throw invalidRequest(`Credit notes can only be issued on open or paid invoices; this invoice is ${invoice.status}.`, 'invoice', 'invoice_not_editable');
  }
  const id = newId('cn');
  const lines = params.objList('lines').map((line) => creditNoteLine(invoice, line));
  const amount = lines.length ? lines.reduce((sum, line) => sum + line.amount, 0) : params.requiredInt('amount', { min: 1 });
  if (lines.length && params.has('amount') && params.int('amount') !== amount) throw invalidRequest('amount must equal the sum of the lines.', 'amount');
  const credited = emu.store.list('credit_note').filter((c) => c.invoice === invoice.id && c.status === 'issued').reduce((sum, c) => sum + c.amount, 0);
  if (amount > invoice.total - credited) {
    throw invalidRequest(`The credit note amount (${amount}) exceeds the invoice's remaining creditable amount (${invoice.total - credited}).`, 'amount');
  }
  // What the invoice still asks for is credited first (pre-payment); the rest gives back what was paid.
  const prePayment = invoice.status === 'open' ? Math.min(amount, invoice.amount_remaining) : 0;
  const postPayment = amount - prePayment;
  let refundAmount = params.int('refund_amount', { min: 0 }) ?? 0;
  const outOfBand = params.int('out_of_band_amount', { min: 0 });
  let creditAmount = params.int('credit_amount', { min: 0 }) ?? 0;
  const linked = params.objList('refunds').map((refund, index) => linkedRefund(emu, invoice, refund, index));
  const linkedAmount = linked.reduce((sum, r) => sum + r.amount_refunded, 0);
  if (postPayment > 0 && !params.has('refund_amount') && !params.has('credit_amount') && outOfBand === undefined && !linked.length) creditAmount = postPayment;
  const settled = refundAmount + creditAmount + (outOfBand ?? 0) + linkedAmount;
  if (settled !== postPayment) {
    throw invalidRequest(`The sum of credit_amount, refund_amount, out_of_band_amount and the linked refunds (${settled}) must equal the credit note's post-payment amount (${postPayment}).`, 'amount');
  }
  const customer = mustGet(emu, 'customer', idOf(invoice.customer)!, 'customer');
  const now = nowForCustomer(emu, customer.id);
  const refunds: Stripe.CreditNote.Refund[] = [...linked];
  if (refundAmount > 0) {
    const charge = chargeOf(emu, invoice);
    if (!charge) throw invalidRequest('This invoice has no charge to refund.', 'refund_amount');
    const refund = refundCharge(emu, charge, { amount: refundAmount });
    refunds.push({ amount_refunded: refund.amount, payment_record_refund: null, refund: refund.id, type: 'refund' });
    refundAmount = 0;
  }
  if (creditAmount > 0) {
    const before = snapshot(customer);
    customer.balance -= creditAmount;
    emu.events.emitUpdate('customer.updated', customer, before);
  }
  const invoiceBefore = snapshot(invoice);
  if (prePayment > 0) {
    invoice.pre_payment_credit_notes_amount += prePayment;
    invoice.amount_remaining -= prePayment;
  }
  if (postPayment > 0) invoice.post_payment_credit_notes_amount += postPayment;
  const sequence = emu.store.list('credit_note').filter((c) => c.invoice === invoice.id).length + 1;
  const creditNote = emu.store.insert({
    id,
    object: 'credit_note',
    amount,
    amount_shipping: 0,
    created: now,
    currency: invoice.currency,
    customer: customer.id,
    customer_account: null,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: params.int('effective_at') ?? now,
    invoice: invoice.id,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: params.str('memo') ?? null,
    metadata: params.metadata(),
    number: `${invoice.number}-CN-${String(sequence).padStart(2, '0')}`,
    out_of_band_amount: outOfBand ?? null,
    pdf: `${emu.baseUrl}/credit_notes/${id}/pdf`,
    post_payment_amount: postPayment,
    pre_payment_amount: prePayment,
    pretax_credit_amounts: [],
    reason: params.oneOf('reason', REASONS) ?? null,
    refunds,
    shipping_cost: null,
    status: 'issued',
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    total_taxes: [],
    type: prePayment && postPayment ? 'mixed' : prePayment ? 'pre_payment' : 'post_payment',
    voided_at: null,
  });
  emu.events.emit('credit_note.created', creditNote);
  emu.events.emitUpdate('invoice.updated', invoice, invoiceBefore);
  return creditNote;
}

function creditNoteLine(invoice: Stripe.Invoice, line: Params): Stripe.CreditNoteLineItem {
  line.only('type', 'amount', 'description', 'invoice_line_item', 'quantity', 'unit_amount', 'unit_amount_decimal', 'tax_rates', 'tax_amounts', 'metadata');
  const type = line.oneOf('type', ['custom_line_item', 'invoice_line_item'] as const) ?? 'invoice_line_item';
  const quantity = line.int('quantity', { min: 1 });
  let amount: number;
  let unitAmount: number | null = null;
  let invoiceLine: string | undefined;
  let description = line.str('description') ?? null;
  if (type === 'custom_line_item') {
    unitAmount = line.requiredInt('unit_amount', { min: 0 });
    amount = unitAmount * (quantity ?? 1);
    if (!description) throw invalidRequest('Missing required param: description.', line.path('description'), 'parameter_missing');
  } else {
    invoiceLine = line.requiredStr('invoice_line_item');
    const source = invoice.lines.data.find((l) => l.id === invoiceLine);
    if (!source) throw invalidRequest(`No such invoice line item: '${invoiceLine}'`, line.path('invoice_line_item'), 'resource_missing');
    const sourceQuantity = source.quantity ?? 1;
    unitAmount = sourceQuantity ? Math.round(source.amount / sourceQuantity) : source.amount;
    amount = line.int('amount', { min: 0 }) ?? (quantity !== undefined ? unitAmount * quantity : source.amount);
    description ??= source.description;
  }
  return {
    id: newId('cnli'),
    object: 'credit_note_line_item',
    amount,
    description,
    discount_amount: 0,
    discount_amounts: [],
    ...(invoiceLine ? { invoice_line_item: invoiceLine } : {}),
    livemode: false,
    metadata: line.metadata(),
    pretax_credit_amounts: [],
    quantity: quantity ?? 1,
    tax_rates: [],
    taxes: [],
    type,
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount === null ? null : wireDecimal(unitAmount),
  };
}

/**
 * `refunds[]`: an existing refund of one of the invoice's payments, linked to the credit note for
 * `amount_refunded` (by default the whole refund), never more than the refund has left unlinked.
 */
function linkedRefund(emu: Emulator, invoice: Stripe.Invoice, entry: Params, index: number): Stripe.CreditNote.Refund {
  entry.only('refund', 'amount_refunded', 'type', 'payment_record_refund');
  const type = entry.oneOf('type', ['refund', 'payment_record_refund'] as const) ?? 'refund';
  if (type !== 'refund') throw invalidRequest('Only refunds of type `refund` can be linked to a credit note here.', `refunds[${index}][type]`);
  const refund = mustGet(emu, 'refund', entry.requiredStr('refund'), `refunds[${index}][refund]`);
  const paidBy = paymentsOfInvoice(emu, invoice.id).filter((p) => p.status === 'paid').map((p) => idOf(p.payment.payment_intent ?? null));
  if (!paidBy.includes(idOf(refund.payment_intent))) {
    throw invalidRequest(`The refund ${refund.id} is not a refund of a payment of invoice ${invoice.id}.`, `refunds[${index}][refund]`);
  }
  const alreadyLinked = emu.store
    .list('credit_note')
    .filter((c) => c.status === 'issued')
    .flatMap((c) => c.refunds)
    .filter((r) => idOf(r.refund) === refund.id)
    .reduce((sum, r) => sum + r.amount_refunded, 0);
  const amount = entry.int('amount_refunded', { min: 1 }) ?? refund.amount - alreadyLinked;
  if (amount > refund.amount - alreadyLinked || amount < 1) {
    throw invalidRequest(`Only ${refund.amount - alreadyLinked} of the refund ${refund.id} is left to link to a credit note.`, `refunds[${index}][amount_refunded]`);
  }
  return { amount_refunded: amount, payment_record_refund: null, refund: refund.id, type: 'refund' };
}

function chargeOf(emu: Emulator, invoice: Stripe.Invoice): Stripe.Charge | undefined {
  for (const payment of paymentsOfInvoice(emu, invoice.id!)) {
    if (payment.status !== 'paid') continue;
    const pi = emu.store.get('payment_intent', idOf(payment.payment.payment_intent ?? null) ?? '');
    const charge = pi?.latest_charge ? emu.store.get('charge', idOf(pi.latest_charge)!) : undefined;
    if (charge) return charge;
  }
  return undefined;
}

export function updateCreditNote(emu: Emulator, creditNote: Stripe.CreditNote, params: Params): Stripe.CreditNote {
  params.only('memo', 'metadata');
  return emu.events.update('credit_note.updated', creditNote, () => {
    params.assignNullableStrs(creditNote, 'memo');
    creditNote.metadata = params.metadata(creditNote.metadata ?? {});
  });
}

/** Voiding gives the invoice back what a pre-payment credit took off; refunds already made stay made. */
export function voidCreditNote(emu: Emulator, creditNote: Stripe.CreditNote): Stripe.CreditNote {
  if (creditNote.status === 'void') throw invalidRequest('This credit note is already voided.', undefined, 'status_transition_invalid');
  if (creditNote.refunds.length) throw invalidRequest('A credit note with refunds cannot be voided.', undefined, 'status_transition_invalid');
  const invoice = mustGet(emu, 'invoice', idOf(creditNote.invoice)!, 'invoice');
  const invoiceBefore = snapshot(invoice);
  invoice.pre_payment_credit_notes_amount -= creditNote.pre_payment_amount;
  invoice.post_payment_credit_notes_amount -= creditNote.post_payment_amount;
  if (invoice.status === 'open') invoice.amount_remaining += creditNote.pre_payment_amount;
  creditNote.status = 'void';
  creditNote.voided_at = nowForCustomer(emu, idOf(creditNote.customer));
  emu.events.emit('credit_note.voided', creditNote);
  emu.events.emitUpdate('invoice.updated', invoice, invoiceBefore);
  return creditNote;
}
