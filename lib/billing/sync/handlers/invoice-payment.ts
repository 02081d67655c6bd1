// InvoicePayments: the link between a payment and the invoice it paid, from the event's snapshot.
// The invoice is fetched when not mirrored yet; its own events (`invoice.paid`…) bring its new status.
import { on } from './define';

export const invoicePaymentEvents = on(['invoice_payment.paid'], async (event, run) => run.observe('invoicePayment', event));
