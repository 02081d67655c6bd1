// The admin payments console: several customers' payments joined to their invoices and products,
// filters in the URL, totals, keyset pages, and a CSV export that says what the table says.
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../support/accounts';
import { newCustomer, newPlan, newTag, payOnce, stripeApi, subscribe } from '../support/stripe';
import { parseCsv, paymentsTable, tableRows, untilPaymentsOf, usd } from '../support/admin';

// Several Stripe objects, webhooks and page loads per test, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

test('the admin sees several customers’ payments with the right invoices, products, totals and CSV', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('pay');
  const widget = await newPlan(stripe, `Widget ${tag}`, 1500);
  const gadget = await newPlan(stripe, `Gadget ${tag}`, 700);
  const [ann, ben, cat] = await Promise.all([1, 2, 3].map((n) => newCustomer(stripe, tag, n)));
  const annSub = await subscribe(stripe, ann, [{ price: widget.id, quantity: 2 }]);
  const benSub = await subscribe(stripe, ben, [{ price: widget.id }, { price: gadget.id }]);
  const catPayment = await payOnce(stripe, cat, 999);

  await signInAsAdmin(page);
  const table = paymentsTable(page);
  // Wait until every payment is mirrored with its invoice link (webhooks are asynchronous).
  const linked = async () => (await tableRows(table).catch(() => [])).filter((r) => r.invoices && r.invoices !== 'None' && !r.invoices.includes('Linking')).length;
  await untilPaymentsOf(page, tag, linked, 2);

  const rows = await tableRows(table);
  expect(rows).toHaveLength(3);
  const byCustomer = (n: number) => rows.find((r) => r.customer.startsWith(`${tag}-${n}@example.com`))!;
  expect(byCustomer(1)).toMatchObject({
    amount: '$30.00',
    status: 'Succeeded',
    card: expect.stringMatching(/visa •••• 4242/i),
    invoices: `${annSub.invoice.number} $30.00`,
    products: `Widget ${tag} × 2`,
    refunded: '—',
    dispute: '—',
  });
  expect(byCustomer(2)).toMatchObject({ amount: '$22.00', invoices: `${benSub.invoice.number} $22.00` });
  expect(byCustomer(2).products).toContain(`Widget ${tag}`);
  expect(byCustomer(2).products).toContain(`Gadget ${tag}`);
  expect(byCustomer(3)).toMatchObject({ amount: '$9.99', invoices: 'None', products: '—' });
  await expect(table.locator(`tr[data-payment-id="${catPayment.id}"]`)).toBeVisible();
  await expect(table.locator(`tr[data-payment-id="${annSub.paymentIntentId}"]`)).toBeVisible();

  const totals = page.getByRole('region', { name: 'Totals for this filter' });
  const total = (label: string) => totals.locator(`dt:text-is("${label}") + dd`);
  await expect(total('Payments')).toHaveText('3');
  await expect(total('Gross')).toHaveText('$61.99'); // 30.00 + 22.00 + 9.99
  await expect(total('Refunded')).toHaveText('$0.00');

  // Filters come from the form and live in the URL.
  await page.getByLabel('Product').selectOption({ label: `Gadget ${tag}` });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/product=prod_/);
  await expect(table.locator('tbody tr')).toHaveCount(1);
  expect((await tableRows(table))[0].customer).toContain(`${tag}-2@example.com`);

  await page.getByLabel('Product').selectOption({ label: 'Any product' });
  await page.getByLabel('Status').selectOption({ label: 'Failed' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No payments match')).toBeVisible();

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/admin/payments?email=${tag}&from=${tomorrow}`);
  await expect(page.getByText('No payments match')).toBeVisible();
  await page.goto(`/admin/payments?email=${tag}&from=2026-13-45`);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Those filters could not be used');

  // The CSV export of the filter matches the table, row for row.
  await page.goto(`/admin/payments?email=${tag}`);
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toBe(`/api/admin/payments/export?email=${tag}`);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const [header, ...csv] = parseCsv(await response.text());
  const col = (name: string) => header.indexOf(name);
  const shown = await tableRows(table);
  expect(csv.map((r) => r[col('payment_id')])).toEqual(await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-payment-id'))));
  csv.forEach((r, i) => {
    expect(shown[i].customer).toContain(r[col('customer_email')]);
    expect(r[col('amount_formatted')]).toBe(shown[i].amount);
    expect(usd(Number(r[col('amount_minor')]))).toBe(shown[i].amount);
    expect(r[col('status')]).toBe(shown[i].status);
  });
  const annCsv = csv.find((r) => r[col('customer_email')] === `${tag}-1@example.com`)!;
  expect(annCsv[col('invoices')]).toBe(annSub.invoice.number);
  expect(annCsv[col('invoice_amounts_paid_minor')]).toBe('3000');
  expect(annCsv[col('products')]).toBe(`Widget ${tag} × 2`);
  expect(annCsv[col('amount')]).toBe('30.00');
  const benCsv = csv.find((r) => r[col('customer_email')] === `${tag}-2@example.com`)!;
  expect(benCsv[col('customer_name')]).toBe(`Shopper 2 ${tag}`);
  expect(benCsv[col('products')].split('; ').sort()).toEqual([`Gadget ${tag}`, `Widget ${tag}`]);
});

test('payments page through with a keyset cursor, 25 at a time', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('page');
  const customer = await newCustomer(stripe, tag, 1);
  const created: string[] = [];
  for (let i = 0; i < 27; i++) created.push((await payOnce(stripe, customer, 100 + i)).id);

  await signInAsAdmin(page);
  const table = paymentsTable(page);
  const counted = async () => (await page.locator('[aria-label="Totals for this filter"] dt:text-is("Payments") + dd').textContent().catch(() => null)) ?? '';
  await untilPaymentsOf(page, tag, counted, '27');

  const ids = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-payment-id')!));
  const first = await ids();
  expect(first).toHaveLength(25);
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const second = await ids();
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  // Every payment exactly once across the page boundary (no repeats, none skipped).
  expect([...first, ...second]).toHaveLength(27);
  expect(new Set([...first, ...second])).toEqual(new Set(created));
  await page.getByRole('link', { name: 'First page' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(25);
  expect(await ids()).toEqual(first);
});
