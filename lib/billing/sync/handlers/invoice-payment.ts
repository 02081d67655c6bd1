// InvoicePayments: the link between a payment and the invoice it paid. The invoice is refreshed
// too, since a payment landing changes its status and amounts.
import { idOf } from '../ids';
import { on } from './define';

export const invoicePaymentEvents = on(['invoice_payment.paid'], async (event, run) => {
  await run.invoicePayment(event.data.object.id);
  const invoiceId = idOf(event.data.object.invoice);
  if (invoiceId) await run.invoice(invoiceId);
});
