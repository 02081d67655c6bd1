// /v1/invoice_payments: list by invoice or by PaymentIntent, retrieve.
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';

export function registerInvoicePaymentRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/invoice_payments', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'invoice', 'payment', 'status');
      const invoice = params.str('invoice');
      const payment = params.obj('payment')?.only('type', 'payment_intent', 'payment_record');
      const type = payment?.oneOf('type', ['payment_intent', 'payment_record'] as const);
      if (payment && !type) throw invalidRequest('Missing required param: payment[type].', 'payment[type]', 'parameter_missing');
      const paymentIntent = payment?.str('payment_intent');
      const status = params.oneOf('status', ['canceled', 'open', 'paid'] as const);
      const items = emu.store.list('invoice_payment').filter(
        (p) =>
          (invoice === undefined || p.invoice === invoice) &&
          (type === undefined || p.payment.type === type) &&
          (paymentIntent === undefined || p.payment.payment_intent === paymentIntent) &&
          (status === undefined || p.status === status),
      );
      return paginate(items, params, url, 'invoice_payment');
    },
  });
  api.add('GET', '/v1/invoice_payments/:id', retrieveRoute('invoice_payment'));
}
