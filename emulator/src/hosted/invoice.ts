// The hosted invoice page (`hosted_invoice_url`) and its PDF (`invoice_pdf`). An open invoice can
// be paid here with a card, through the invoice's own PaymentIntent, as on Stripe's page.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { HostedRequest, HostedRouter } from '../hosted-routes.js';
import { ensureInvoicePaymentIntent } from '../state/invoices.js';
import { paymentsOfInvoice } from '../state/invoice-payments.js';
import { brandName, formatDate, formatMoney, formatShortDate } from './format.js';
import { html, jsonScript, page, type SafeHtml } from './html.js';
import { sendHtml } from './http.js';
import { renderInvoicePdf, type InvoicePayment } from './invoice-pdf.js';
import { businessName, initials } from './merchant.js';

export function registerInvoiceRoutes(router: HostedRouter): void {
  router.add('GET', '/invoice/:id', showInvoice);
  router.add('GET', '/invoice/:id/pdf', downloadPdf);
}

/** Hosted pages exist once an invoice is finalized, as on Stripe. */
function findInvoice(emu: Emulator, id: string): Stripe.Invoice | undefined {
  const invoice = emu.store.get('invoice', id);
  return invoice && invoice.status !== 'draft' ? invoice : undefined;
}

/** The payments received, with the card that made each. */
/** The invoice's discounts as Stripe's invoice names them: "SAVE20 (20% off)", with what each took off. */
export function invoiceDiscounts(emu: Emulator, invoice: Stripe.Invoice): { label: string; amount: number }[] {
  return (invoice.total_discount_amounts ?? []).map((entry) => {
    const discount = emu.store.get('discount', typeof entry.discount === 'string' ? entry.discount : entry.discount.id);
    const couponId = discount ? (typeof discount.source.coupon === 'string' ? discount.source.coupon : discount.source.coupon?.id) : undefined;
    const coupon = couponId ? (emu.store.get('coupon', couponId) ?? emu.store.extras(couponId).deletedCoupon) : undefined;
    const promotionCode = discount?.promotion_code ? emu.store.get('promotion_code', typeof discount.promotion_code === 'string' ? discount.promotion_code : discount.promotion_code.id) : undefined;
    const off = coupon ? (coupon.percent_off !== null ? `${coupon.percent_off}% off` : coupon.name) : null;
    const name = promotionCode?.code ?? coupon?.name ?? 'Discount';
    return { label: off && off !== name ? `${name} (${off})` : name, amount: entry.amount };
  });
}

export function receivedPayments(emu: Emulator, invoice: Stripe.Invoice): InvoicePayment[] {
  return paymentsOfInvoice(emu, invoice.id)
    .filter((p) => p.status === 'paid')
    .map((p) => ({ paidAt: p.status_transitions.paid_at ?? p.created, amount: p.amount_paid ?? 0, description: cardDescription(emu, p) }))
    .sort((a, b) => a.paidAt - b.paidAt);
}

function cardDescription(emu: Emulator, payment: Stripe.InvoicePayment): string {
  const piId = payment.payment.payment_intent;
  const pi = typeof piId === 'string' ? emu.store.get('payment_intent', piId) : piId;
  const chargeId = pi?.latest_charge;
  const charge = typeof chargeId === 'string' ? emu.store.get('charge', chargeId) : chargeId;
  const card = charge?.payment_method_details?.card;
  const sepa = charge?.payment_method_details?.sepa_debit;
  if (sepa) return `SEPA Direct Debit ending in ${sepa.last4}`;
  return card ? `${brandName(card.brand ?? 'card')} ending in ${card.last4}` : 'Payment';
}

function missing(res: HostedRequest['res']): void {
  sendHtml(res, 404, page({ title: 'Invoice not found', body: html`<main class="center"><h1>Invoice not found</h1><p class="muted">This invoice link is not valid.</p></main>` }));
}

async function downloadPdf({ emu, res, pathParams }: HostedRequest): Promise<void> {
  const invoice = findInvoice(emu, pathParams.id!);
  if (!invoice) return missing(res);
  const bytes = await renderInvoicePdf({ invoice, businessName: businessName(), payments: receivedPayments(emu, invoice), discounts: invoiceDiscounts(emu, invoice) });
  res
    .writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="Invoice-${(invoice.number ?? invoice.id).replace(/[^\w-]/g, '')}.pdf"`,
      'Content-Length': bytes.length,
      'Cache-Control': 'no-store',
    })
    .end(Buffer.from(bytes));
}

/** Paid / Due / Void / Uncollectible, as on the hosted invoice page and the portal's history. */
export function invoiceStatusBadge(invoice: Stripe.Invoice): SafeHtml {
  const kinds: Record<string, [string, string]> = { paid: ['Paid', 'ok'], open: ['Due', 'warn'], void: ['Void', ''], uncollectible: ['Uncollectible', 'bad'] };
  const [label, style] = kinds[invoice.status ?? ''] ?? [invoice.status ?? '', ''];
  return html`<span class="badge ${style}">${label}</span>`;
}

function showInvoice({ emu, res, pathParams }: HostedRequest): void {
  const invoice = findInvoice(emu, pathParams.id!);
  if (!invoice) return missing(res);
  const business = businessName();
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const payments = receivedPayments(emu, invoice);
  const payable = invoice.status === 'open' && invoice.amount_remaining > 0;
  const clientSecret = payable ? ensureInvoicePaymentIntent(emu, invoice).client_secret : null;
  const number = invoice.number ?? invoice.id;
  const headline =
    invoice.status === 'paid'
      ? html`<p class="summary-amount">${money(invoice.amount_paid)}<small>Paid ${invoice.status_transitions.paid_at ? formatDate(invoice.status_transitions.paid_at) : ''}</small></p>`
      : html`<p class="summary-amount">${money(invoice.amount_remaining)}<small>${invoice.due_date ? `Due ${formatDate(invoice.due_date)}` : invoice.status === 'open' ? 'Due now' : ''}</small></p>`;

  const body = html`<main class="shell"><div class="split">
    <section aria-labelledby="invoice-heading">
      <header class="merchant"><span class="logo" aria-hidden="true">${initials(business)}</span><span>${business}</span></header>
      <p class="summary-label" id="invoice-heading">Invoice ${number} ${invoiceStatusBadge(invoice)}</p>
      ${headline}
      <dl class="invoice-meta">
        <dt>Invoice number</dt><dd>${number}</dd>
        <dt>Date of issue</dt><dd>${formatShortDate(invoice.status_transitions.finalized_at ?? invoice.created)}</dd>
        ${invoice.due_date ? html`<dt>Date due</dt><dd>${formatShortDate(invoice.due_date)}</dd>` : ''}
        <dt>Billed to</dt><dd>${invoice.customer_name ?? invoice.customer_email ?? ''}${invoice.customer_name && invoice.customer_email ? html`<br><span class="muted">${invoice.customer_email}</span>` : ''}</dd>
      </dl>
      <p><a class="button secondary small" href="/invoice/${invoice.id}/pdf" download>Download invoice</a></p>
    </section>
    <section>
      <div class="card">
        <h2>Summary</h2>
        <ul class="items" aria-label="Invoice lines">
          ${(invoice.lines?.data ?? []).map(
            (line) => html`<li class="item"><div><div class="item-name">${line.description}</div>${
              line.period && line.period.start !== line.period.end ? html`<div class="item-meta">${formatShortDate(line.period.start)} – ${formatShortDate(line.period.end)}</div>` : ''
            }</div><div class="item-amount">${money(line.amount)}</div></li>`,
          )}
        </ul>
        <dl class="totals">
          <div><dt>Subtotal</dt><dd>${money(invoice.subtotal)}</dd></div>
          ${invoiceDiscounts(emu, invoice).map((d) => html`<div><dt>${d.label}</dt><dd>−${money(d.amount)}</dd></div>`)}
          <div><dt>Total</dt><dd>${money(invoice.total)}</dd></div>
          <div><dt>Amount paid</dt><dd>${money(invoice.amount_paid)}</dd></div>
          <div class="grand"><dt>Amount due</dt><dd>${money(invoice.amount_remaining)}</dd></div>
        </dl>
        ${payments.length
          ? html`<h2 style="margin-top:20px">Payments</h2><ul class="items" aria-label="Payments">${payments.map(
              (p) => html`<li class="item"><div><div class="item-name">${p.description}</div><div class="item-meta">${formatShortDate(p.paidAt)}</div></div><div class="item-amount">${money(p.amount)}</div></li>`,
            )}</ul>`
          : ''}
      </div>
      ${payable
        ? html`<div class="card"><h2 id="pay-heading">Pay this invoice</h2>
            <form id="invoice-form" aria-labelledby="pay-heading" novalidate>
              <div id="payment-element"></div>
              <button id="submit" class="button block" type="submit"><span class="spinner" aria-hidden="true"></span><span>Pay ${money(invoice.amount_remaining)}</span></button>
              <div id="form-error" class="alert error" role="alert"></div>
            </form></div>
            ${jsonScript('invoice-config', { clientSecret, businessName: business, returnUrl: `/invoice/${invoice.id}` })}`
        : ''}
    </section>
  </div></main>`;
  sendHtml(res, 200, page({ title: `Invoice ${number} · ${business}`, body, scripts: payable ? ['/v3/stripe.js', '/_emulator/assets/invoice.js'] : [] }));
}
