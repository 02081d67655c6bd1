// The payment receipt at a charge's `receipt_url`: what was paid, when, with which card, and any
// refunds since.
import type { HostedRequest, HostedRouter } from '../hosted-routes.js';
import { brandName, formatDate, formatMoney } from './format.js';
import { html, page } from './html.js';
import { sendHtml } from './http.js';
import { businessName, initials } from './merchant.js';

export function registerReceiptRoutes(router: HostedRouter): void {
  router.add('GET', '/receipts/payment/:id', showReceipt);
}

function showReceipt({ emu, res, pathParams }: HostedRequest): void {
  const charge = emu.store.get('charge', pathParams.id!);
  if (!charge || charge.status !== 'succeeded') {
    return sendHtml(res, 404, page({ title: 'Receipt not found', body: html`<main class="center"><h1>Receipt not found</h1><p class="muted">This receipt link is not valid.</p></main>` }));
  }
  const business = businessName();
  const money = (amount: number) => formatMoney(amount, charge.currency);
  const card = charge.payment_method_details?.card;
  const sepa = charge.payment_method_details?.sepa_debit;
  const rows: [string, string][] = [
    ['Amount paid', money(charge.amount_captured || charge.amount)],
    ['Date paid', formatDate(charge.created)],
    ['Payment method', card ? `${brandName(card.brand ?? 'card')} •••• ${card.last4}` : sepa ? `SEPA Direct Debit •••• ${sepa.last4}` : 'Card'],
  ];
  if (charge.amount_refunded > 0) rows.push(['Refunded', money(charge.amount_refunded)]);
  const body = html`<main class="center">
    <p class="merchant" style="justify-content:center"><span class="logo" aria-hidden="true">${initials(business)}</span><span>${business}</span></p>
    <div class="card">
      <h1 style="font-size:20px">Receipt from ${business}</h1>
      <p class="muted">${[charge.description, charge.billing_details?.email ?? charge.receipt_email].filter(Boolean).join(' · ')}</p>
      <dl class="invoice-meta">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
      ${charge.refunded ? html`<p class="alert info">This payment has been refunded in full.</p>` : ''}
      <p class="fine">Questions? Contact ${business}.</p>
    </div>
  </main>`;
  sendHtml(res, 200, page({ title: `Receipt from ${business}`, body }));
}
