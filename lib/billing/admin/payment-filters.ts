// The admin payments filter as it travels in the URL (?status=&from=&to=&email=&product=&cursor=):
// parsed and validated with zod at the boundary, shared by the payments page, its totals and the
// CSV export so the three always describe the same set of payments.
import { z } from 'zod';
import type { PaymentFilters } from '@/lib/billing/history';
import { isoDaySchema, pageCursorSchema } from '../page-params';
import { filterablePaymentStatuses } from '../statuses';

const day = isoDaySchema;

const blankToUndefined = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() === '' ? undefined : first;
};
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const paymentSearchSchema = z
  .object({
    status: optional(z.enum(filterablePaymentStatuses)),
    from: optional(day),
    to: optional(day),
    email: optional(z.string().trim().max(200)),
    product: optional(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'Not a product id.')),
    cursor: optional(pageCursorSchema),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'The start date is after the end date.', path: ['to'] });

export type PaymentSearch = z.infer<typeof paymentSearchSchema>;

export type ParsedPaymentSearch =
  | { ok: true; search: PaymentSearch; filters: PaymentFilters }
  | { ok: false; errors: string[]; search: PaymentSearch; filters: PaymentFilters };

/** Validates URL search params; on failure the page shows the errors and every payment (no filter). */
export function parsePaymentSearch(params: Record<string, string | string[] | undefined> | URLSearchParams): ParsedPaymentSearch {
  const input = params instanceof URLSearchParams ? Object.fromEntries(params.entries()) : params;
  const parsed = paymentSearchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message), search: {}, filters: {} };
  return { ok: true, search: parsed.data, filters: toFilters(parsed.data) };
}

/** Dates are whole UTC days, both ends included. */
export function toFilters(search: PaymentSearch): PaymentFilters {
  const filters: PaymentFilters = {};
  if (search.status) filters.status = [search.status];
  if (search.from) filters.createdFrom = new Date(`${search.from}T00:00:00Z`);
  if (search.to) filters.createdBefore = new Date(Date.parse(`${search.to}T00:00:00Z`) + 86_400_000);
  if (search.email) filters.customerEmail = search.email;
  if (search.product) filters.productId = search.product;
  return filters;
}

/** The query string for a filter (and optionally a page), leaving out empty values. */
export function paymentSearchQuery(search: PaymentSearch, overrides: Partial<PaymentSearch> = {}): string {
  const merged: PaymentSearch = { ...search, ...overrides };
  const params = new URLSearchParams();
  for (const key of ['status', 'from', 'to', 'email', 'product', 'cursor'] as const) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
