// Hosted invoices: the page for a paid invoice, its PDF (downloaded and read back), and paying an
// open invoice on its page.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { CARDS, eventTypesFor, stripe } from './support.js';
import { paymentElement } from '../../e2e/support/stripe-surfaces.js';

async function paidSubscriptionInvoice() {
  const price = await stripe.prices.create({ currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' }, product_data: { name: 'Business' } });
  const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
  return stripe.invoices.retrieve(subscription.latest_invoice as string);
}

test('a paid invoice: its hosted page, and a PDF with number, customer, lines, totals and payment', async ({ page }) => {
  const invoice = await paidSubscriptionInvoice();
  expect(invoice.status).toBe('paid');
  await page.goto(invoice.hosted_invoice_url!);
  await expect(page.getByText(`Invoice ${invoice.number}`).first()).toBeVisible();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Invoice lines' })).toContainText('1 × Business');
  await expect(page.getByRole('list', { name: 'Payments' })).toContainText('Visa ending in 4242');
  await page.screenshot({ path: test.info().outputPath('invoice-paid.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download invoice' }).click()]);
  expect(download.suggestedFilename()).toBe(`Invoice-${invoice.number}.pdf`);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await new PDFParse({ data: new Uint8Array(bytes) }).getText();
  expect(text).toContain(`Invoice number ${invoice.number}`);
  expect(text).toContain('Ada Lovelace');
  expect(text).toContain('ada@example.com');
  expect(text).toContain('1 × Business');
  expect(text).toContain('Total $29.00');
  expect(text).toContain('Amount paid $29.00');
  expect(text).toContain('Visa ending in 4242');

  const response = await page.request.get(invoice.invoice_pdf!);
  expect(response.headers()['content-type']).toBe('application/pdf');
});

test('an open invoice is paid by card on its hosted page', async ({ page }) => {
  const customer = await stripe.customers.create({ email: 'grace@example.com', name: 'Grace Hopper' });
  await stripe.invoiceItems.create({ customer: customer.id, amount: 7500, currency: 'usd', description: 'Onboarding workshop' });
  const draft = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 30, pending_invoice_items_behavior: 'include' });
  const invoice = await stripe.invoices.finalizeInvoice(draft.id);
  expect(invoice.status).toBe('open');

  await page.goto(invoice.hosted_invoice_url!);
  await expect(page.getByText('Due', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Invoice lines' })).toContainText('Onboarding workshop');
  await paymentElement(page).fill({ number: CARDS.success });
  await page.screenshot({ path: test.info().outputPath('invoice-open.png'), fullPage: true });
  await page.getByRole('button', { name: 'Pay $75.00' }).click();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Payments' })).toContainText('Visa ending in 4242');

  const paid = await stripe.invoices.retrieve(invoice.id);
  expect(paid).toMatchObject({ status: 'paid', amount_paid: 7500, amount_remaining: 0 });
  expect(await eventTypesFor(invoice.id)).toEqual(expect.arrayContaining(['invoice.finalized', 'invoice.paid']));
});
