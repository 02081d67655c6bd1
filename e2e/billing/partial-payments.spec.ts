// Invoices paid in parts: a customer pays $40 of a $120 invoice now and the rest later, each payment
// shown in the billing history with its share and on the invoice's page; an admin refund of one part
// issues a credit note that the invoice and that payment's history show.
import { expect, test } from '@playwright/test';
import { signInAsAdmin, signUpCustomer } from '../support/accounts';
import { openPayment, refundPanel } from '../support/admin';
import { billingHistoryPage, bindStripeCustomer, cards, invoicePage, openInvoicesList, paymentForm, reloadUntil, PAYMENT_SETTLES } from '../support/billing';
import { payInvoicePart, sendInvoice, stripeApi } from '../support/stripe';

// Sign-ups, payments through the Payment Element and webhooks on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

test('pay $40 of a $120 invoice now and the rest later; history shows each payment’s share', async ({ page }) => {
  const email = await signUpCustomer(page, 'parts');
  const customer = await bindStripeCustomer(page, email);
  const invoice = await sendInvoice(stripeApi(), customer, 12_000, 'Onboarding workshop');

  const history = billingHistoryPage(page);
  const open = openInvoicesList(page);
  await history.open();
  await reloadUntil(page, () => expect(open.invoice(invoice.number!)).toContainText('$120.00 to pay', { timeout: 1_000 }));
  await open.invoice(invoice.number!).getByRole('link', { name: /View and pay/ }).click();
  await expect(page.getByRole('heading', { name: `Invoice ${invoice.number}` })).toBeVisible();

  const view = invoicePage(page);
  await expect(view.pay).toContainText('$120.00 left to pay.');
  await expect(view.pay).toContainText('From $0.50 to $119.50, leaving at least $0.50 for later.');
  await page.screenshot({ path: test.info().outputPath('invoice-open.png'), fullPage: true });
  // Parsed strictly, bounded by what is owed and by what would be left.
  await view.choosePart('12,50');
  await expect(view.amountError).toHaveText('Use a point for decimals and no commas, like 12.50.');
  await view.choosePart('119.80');
  await expect(view.amountError).toHaveText('Leave at least $0.50 for later, or pay the whole $120.00.');
  await view.choosePart('40');
  await page.waitForURL(/\/account\/invoices\/in_\w+\/pay\?amount=4000$/);
  await expect(page.getByRole('heading', { name: 'Pay $40.00' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('$80.00 stays to pay later.');
  await page.screenshot({ path: test.info().outputPath('invoice-pay-part.png'), fullPage: true });
  await paymentForm(page).pay(cards.visa);

  await expect(view.result).toHaveText('Paid $40.00. $80.00 left to pay.', { timeout: PAYMENT_SETTLES });
  await expect(view.payments).toHaveCount(1);
  await expect(view.payments.first()).toContainText('Paid $40.00 of $120.00');
  await expect(view.payments.first()).toContainText('Visa •••• 4242');
  await expect(view.pay).toContainText('$80.00 left to pay.');
  await page.screenshot({ path: test.info().outputPath('invoice-part-paid.png'), fullPage: true });

  // Later: the rest, with another card.
  await view.payAll();
  await expect(page.getByRole('heading', { name: 'Pay $80.00' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('This pays what is left of it.');
  await paymentForm(page).pay(cards.mastercard);
  await expect(view.result).toHaveText('Paid $80.00. This invoice is paid in full.', { timeout: PAYMENT_SETTLES });
  await expect(view.pay).toHaveCount(0);
  await expect(view.summary).toContainText('Paid');
  await expect(view.payments).toHaveCount(2);
  // By content, not position: on the customer's frozen test clock both parts share one second.
  await expect(view.payments.filter({ hasText: 'Paid $80.00 of $120.00' })).toContainText('Mastercard •••• 4444');
  await page.screenshot({ path: test.info().outputPath('invoice-paid-in-parts.png'), fullPage: true });

  // The history: both payments, each with its share of the one invoice.
  await history.open();
  await reloadUntil(page, () => expect(history.payments).toHaveCount(2, { timeout: 1_000 }));
  await expect(open.region).toHaveCount(0);
  await expect(history.payments.filter({ hasText: `Paid $80.00 of $120.00 on ${invoice.number}` })).toHaveCount(1);
  const firstPart = history.payments.filter({ hasText: `Paid $40.00 of $120.00 on ${invoice.number}` });
  await expect(firstPart).toContainText('Onboarding workshop');
  await page.screenshot({ path: test.info().outputPath('history-parts.png'), fullPage: true });
  await firstPart.getByRole('link', { name: /All payments/ }).click();
  await expect(invoicePage(page).payments).toHaveCount(2);
});

test('an admin refund of one part issues a credit note, shown on the invoice and in that payment’s history', async ({ page, browser }) => {
  const email = await signUpCustomer(page, 'parts-credit');
  const customer = await bindStripeCustomer(page, email);
  const stripe = stripeApi();
  const invoice = await sendInvoice(stripe, customer, 12_000, 'Data migration');
  const first = await payInvoicePart(stripe, invoice, 4_000);
  const second = await payInvoicePart(stripe, invoice, 8_000);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await openPayment(admin, first.id, async (p) => (await p.getByRole('list', { name: 'Payments of this invoice' }).count()) > 0);
  const paidFor = admin.getByRole('region', { name: 'Invoices' });
  await expect(paidFor).toContainText('This payment paid $40.00 of $120.00');
  // Both parts, in the order paid (here within one second, so either way round).
  const parts = paidFor.getByRole('list', { name: 'Payments of this invoice' }).getByRole('listitem');
  await expect(parts).toHaveCount(2);
  await expect(parts.filter({ hasText: 'this payment' })).toContainText('$40.00 on');
  await expect(parts.filter({ has: admin.getByRole('link', { name: second.id }) })).toContainText('$80.00 on');

  const refund = refundPanel(admin);
  await refund.review('15');
  await refund.confirm();
  await expect(refund.message()).toHaveText('Refunded $15.00. A credit note records it on the invoice.');
  await expect(paidFor).toContainText(/Credit note \S+-CN-01: \$15\.00 on .* · \$15\.00 refunded/);
  await admin.screenshot({ path: test.info().outputPath('admin-refund-credit-note.png'), fullPage: true });
  await adminContext.close();

  const history = billingHistoryPage(page);
  await history.open();
  await reloadUntil(page, () => expect(history.payments).toHaveCount(2, { timeout: 1_000 }));
  // The credit is on the refunded part's payment, not on the other part.
  const refunded = history.payments.filter({ hasText: 'Paid $40.00 of $120.00' });
  await expect(refunded).toContainText(/Credit note \S+-CN-01: \$15\.00/);
  await expect(refunded).toContainText('Refund of $15.00');
  await expect(history.payments.filter({ hasText: 'Paid $80.00 of $120.00' })).not.toContainText('Credit note');
  await page.screenshot({ path: test.info().outputPath('history-credit-note.png'), fullPage: true });

  await refunded.getByRole('link', { name: /All payments/ }).click();
  const view = invoicePage(page);
  await expect(view.creditNotes).toHaveCount(1);
  await expect(view.creditNotes.first()).toContainText('$15.00 refunded to your card');
  await expect(view.summary).toContainText('Credited');
  await expect(view.payments.filter({ hasText: 'Paid $40.00 of $120.00' })).toContainText('$15.00 refunded');
  await page.screenshot({ path: test.info().outputPath('invoice-credit-note.png'), fullPage: true });
});
