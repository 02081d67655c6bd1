// Readers for the admin console: a payment's page once mirrored, tables as text, the CSV export,
// and the failing-events rows of the webhook page.
import { expect, type Locator, type Page } from '@playwright/test';

/** The refund panel of an admin payment page: review an amount and reason, confirm, read the answer. */
export function refundPanel(page: Page) {
  const panel = page.getByRole('region', { name: 'Refund', exact: true });
  return {
    panel,
    async review(amount: string, reason = 'Requested by the customer') {
      await panel.getByLabel(/Amount/).fill(amount);
      await panel.getByLabel('Reason').selectOption({ label: reason });
      await panel.getByRole('button', { name: 'Review refund' }).click();
      await expect(panel.getByRole('group', { name: 'Confirm the refund' })).toBeVisible();
    },
    /** Review an amount the form must refuse before any confirmation. */
    async refuse(amount: string, message: string) {
      await panel.getByLabel(/Amount/).fill(amount);
      await panel.getByRole('button', { name: 'Review refund' }).click();
      await expect(panel.getByText(message)).toBeVisible();
      await expect(panel.getByRole('group', { name: 'Confirm the refund' })).toHaveCount(0);
    },
    confirm: () => panel.getByRole('button', { name: 'Confirm refund' }).click(),
    message: () => panel.getByRole('status').or(panel.getByRole('alert')),
  };
}

/** Opens a payment's admin page once its webhooks have landed (404 until the mirror has it). */
export async function openPayment(page: Page, paymentIntentId: string, until?: (page: Page) => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await page.goto(`/admin/payments/${paymentIntentId}`);
        return response?.status() === 200 && (!until || (await until(page)));
      },
      { timeout: 30_000, message: `payment ${paymentIntentId} mirrored` },
    )
    .toBe(true);
}

/** The payments table's rows as text, keyed by the column headers. */
export async function tableRows(table: Locator): Promise<Record<string, string>[]> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim().toLowerCase());
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
      return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    }),
  );
}

export function paymentsTable(page: Page): Locator {
  return page.getByRole('table', { name: /Payments/ });
}

/** Reloads the payments of a test's tagged customers until `read` sees `expected` (webhooks land asynchronously). */
export async function untilPaymentsOf<T>(page: Page, tag: string, read: () => Promise<T>, expected: T): Promise<void> {
  const reread = async () => {
    await page.goto(`/admin/payments?email=${tag}`);
    return read();
  };
  await expect.poll(reread, { timeout: 40_000, message: `payments of ${tag}` }).toBe(expected);
}

/** Money the way the console shows it. */
export const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** The failing-events rows about an object, on /admin/webhooks (reloaded until there is at least one). */
export async function failingEventRows(page: Page, objectId: string): Promise<Locator> {
  const rows = page.getByRole('table', { name: 'Failing webhook events' }).locator('tbody tr').filter({ hasText: objectId });
  await expect
    .poll(
      async () => {
        await page.goto('/admin/webhooks');
        return rows.count();
      },
      { timeout: 30_000, message: `events about ${objectId} listed as failing` },
    )
    .toBeGreaterThan(0);
  return rows;
}
