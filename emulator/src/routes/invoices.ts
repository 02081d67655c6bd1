// /v1/invoices: create, preview, list, retrieve, update, delete, lines, finalize, pay, attach_payment, void, mark_uncollectible, send.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { withoutParams, type ApiRouter, listRoute, matchOneOf, matchStr, retrieveRoute } from './api.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, listOf, paginate } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';
import { defineExpandOnly } from '../protocol/expand.js';
import { mustGet } from '../state/lookup.js';
import { paymentsOfInvoice } from '../state/invoice-payments.js';
import { applyInvoiceDiscounts, discountsFromParams } from '../state/discounts.js';
import { previewSubscriptionInvoice } from '../state/billing/preview.js';
import { subscriptionOf, updateInvoice, finalizeInvoice, ensureInvoicePaymentIntent, payOutOfBand, payInvoice, attachPaymentByRequest, voidInvoice, markUncollectible, draftInvoice, pullPendingItems, sendInvoice } from '../state/invoices.js';

export function registerInvoiceRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/invoices', { run: ({ emu, params }) => createInvoiceFromParams(emu, params) });
  api.add('POST', '/v1/invoices/create_preview', { run: ({ emu, params }) => previewSubscriptionInvoice(emu, params) });
  api.add('GET', '/v1/invoices', listRoute('invoice', {
    filters: {
      customer: matchStr((i) => i.customer),
      subscription: matchStr(subscriptionOf),
      status: matchOneOf(['draft', 'open', 'paid', 'uncollectible', 'void'], (i) => i.status),
      collection_method: matchOneOf(['charge_automatically', 'send_invoice'], (i) => i.collection_method),
    },
    accepts: ['due_date', 'customer_account'],
  }));
  api.add('GET', '/v1/invoices/:id', retrieveRoute('invoice'));
  api.add('POST', '/v1/invoices/:id', { run: ({ emu, params, path }) => updateInvoice(emu, mustGet(emu, 'invoice', path.id), params) });
  api.add('DELETE', '/v1/invoices/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      const invoice = mustGet(emu, 'invoice', path.id);
      if (invoice.status !== 'draft') throw invalidRequest('You can only delete draft invoices.', undefined, 'invoice_not_editable');
      emu.store.delete(invoice.id);
      emu.events.emit('invoice.deleted', invoice);
      return { id: invoice.id, object: 'invoice', deleted: true };
    },
  });
  api.add('GET', '/v1/invoices/:id/lines', {
    run: ({ emu, params, path, url }) => (params.only(...LIST_PARAMS), paginate([...mustGet(emu, 'invoice', path.id).lines.data], params, url, 'line_item')),
  });
  api.add('POST', '/v1/invoices/:id/finalize', {
    run: ({ emu, params, path }) => {
      params.only('auto_advance');
      const invoice = mustGet(emu, 'invoice', path.id);
      params.assignBools(invoice, 'auto_advance');
      finalizeInvoice(emu, invoice);
      if (invoice.status === 'open') ensureInvoicePaymentIntent(emu, invoice);
      return invoice;
    },
  });
  api.add('POST', '/v1/invoices/:id/pay', {
    run: ({ emu, params, path }) => {
      params.only('payment_method', 'off_session', 'paid_out_of_band', 'forgive', 'mandate', 'source');
      const invoice = mustGet(emu, 'invoice', path.id);
      if (params.bool('paid_out_of_band')) return payOutOfBand(emu, invoice);
      return payInvoice(emu, invoice, { paymentMethod: params.str('payment_method'), offSession: params.bool('off_session') ?? true });
    },
  });
  api.add('POST', '/v1/invoices/:id/attach_payment', {
    run: ({ emu, params, path }) => {
      params.only('payment_intent', 'payment_record');
      const invoice = mustGet(emu, 'invoice', path.id);
      const pi = mustGet(emu, 'payment_intent', params.requiredStr('payment_intent'), 'payment_intent');
      return attachPaymentByRequest(emu, invoice, pi);
    },
  });
  api.add('POST', '/v1/invoices/:id/void', withoutParams(({ emu, path }) => voidInvoice(emu, mustGet(emu, 'invoice', path.id))));
  api.add('POST', '/v1/invoices/:id/mark_uncollectible', withoutParams(({ emu, path }) => markUncollectible(emu, mustGet(emu, 'invoice', path.id))));
  api.add('POST', '/v1/invoices/:id/send', withoutParams(({ emu, path }) => sendInvoice(emu, mustGet(emu, 'invoice', path.id))));
  defineExpandOnly('invoice', 'payments', (emu, invoice) => listOf(paymentsOfInvoice(emu, String(invoice.id)), `/v1/invoices/${String(invoice.id)}/payments`));
  defineExpandOnly('invoice', 'confirmation_secret', (emu, invoice) => {
    const link = paymentsOfInvoice(emu, String(invoice.id)).find((p) => p.is_default);
    const pi = link ? emu.store.get('payment_intent', link.payment.payment_intent as string) : undefined;
    return pi?.client_secret ? { client_secret: pi.client_secret, type: 'payment_intent' } : null;
  });
}

function createInvoiceFromParams(emu: Emulator, params: Params): Stripe.Invoice {
  params.only('customer', 'auto_advance', 'collection_method', 'days_until_due', 'description', 'metadata', 'subscription', 'default_payment_method', 'pending_invoice_items_behavior', 'currency', 'footer', 'due_date', 'automatic_tax', 'custom_fields', 'statement_descriptor', 'rendering', 'payment_settings', 'account_tax_ids', 'discounts', 'issuer', 'on_behalf_of', 'shipping_cost', 'shipping_details', 'default_tax_rates', 'from_invoice', 'number', 'effective_at', 'transfer_data', 'application_fee_amount', 'customer_account');
  const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
  const subscriptionId = params.str('subscription');
  const subscription = subscriptionId ? mustGet(emu, 'subscription', subscriptionId, 'subscription') : undefined;
  const collectionMethod = params.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const);
  const daysUntilDue = params.int('days_until_due', { min: 0 });
  if (collectionMethod === 'send_invoice' && daysUntilDue === undefined && !params.has('due_date')) {
    throw invalidRequest('Missing required param: days_until_due or due_date when collection_method is send_invoice.', 'days_until_due', 'parameter_missing');
  }
  const defaultPm = params.str('default_payment_method');
  if (defaultPm) mustGet(emu, 'payment_method', defaultPm, 'default_payment_method');
  const invoice = draftInvoice(emu, {
    customer,
    subscription,
    billingReason: subscription ? 'subscription' : 'manual',
    collectionMethod,
    daysUntilDue,
    currency: params.str('currency')?.toLowerCase(),
    description: params.str('description') ?? null,
    metadata: params.metadata(),
    autoAdvance: params.bool('auto_advance') ?? false,
    defaultPaymentMethod: defaultPm ?? null,
  });
  const dueDate = params.int('due_date');
  if (dueDate !== undefined) invoice.due_date = dueDate;
  if (params.oneOf('pending_invoice_items_behavior', ['exclude', 'include'] as const) === 'include') {
    pullPendingItems(emu, invoice, subscription?.id ?? null);
  }
  const discounts = params.objList('discounts');
  if (discounts.length) {
    invoice.discounts = discountsFromParams(emu, discounts, { customer: customer.id, invoice: invoice.id }, { amount: invoice.subtotal, currency: invoice.currency }).map((d) => d.id);
  }
  applyInvoiceDiscounts(emu, invoice);
  emu.events.emit('invoice.created', invoice);
  return invoice;
}
