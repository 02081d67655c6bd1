import type { Metadata } from 'next';
import { PageHeading } from '@/components/page-heading';

export const metadata: Metadata = { title: 'Pricing' };

export default function PricingPage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Pricing">Plans and add-ons, billed through Stripe.</PageHeading>
      <div className="mt-10 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <h2 className="text-lg font-semibold text-slate-900">No plans are configured yet</h2>
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
          Plans appear here once products and prices exist in the connected Stripe account.
        </p>
      </div>
    </div>
  );
}
