// CSV export of the admin payments filter (same query parameters as /admin/payments), streamed
// page by page. Admins only: 401 signed out, 403 for customers.
import { withAdmin } from '@/lib/auth/session';
import { parsePaymentSearch } from '@/lib/billing/admin/payment-filters';
import { paymentsCsvStream } from '@/lib/billing/admin/payments-csv';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = withAdmin(async (request: Request) => {
  const parsed = parsePaymentSearch(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.errors.join(' ') }, { status: 400 });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new Response(paymentsCsvStream(parsed.filters), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="paydesk-payments-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
