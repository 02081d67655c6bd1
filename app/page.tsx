import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { BillingHistoryExample } from '@/components/billing-history-example';

const features = [
  {
    title: 'Subscriptions',
    body: 'Monthly and yearly plans with trials, upgrades with proration previews, cancel at period end, and a past-due path that lets customers pay and carry on.',
  },
  {
    title: 'One-time purchases',
    body: 'Add-ons and single payments through Stripe Checkout or the in-app Payment Element, each with a proper invoice and receipt.',
  },
  {
    title: 'Billing history that adds up',
    body: 'Every payment joined to the invoices it paid through Stripe’s InvoicePayment API, down to products and quantities, from a local mirror that stays correct when webhooks arrive late, twice or out of order.',
  },
  {
    title: 'Admin console',
    body: 'Every payment of every customer, refunds and disputes, revenue figures, and the health of the webhook pipeline in one place.',
  },
];

export default function HomePage() {
  return (
    <>
      <section className="border-b border-slate-200 bg-white">
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 sm:px-6 sm:py-24 lg:grid-cols-[3fr_2fr]">
          <div>
            <p className="text-sm font-semibold text-brand-600">Billing foundation for SaaS teams</p>
            <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl">
              Take payments on Stripe without rebuilding billing from scratch.
            </h1>
            <p className="mt-6 max-w-2xl text-lg text-slate-600">
              Paydesk gives your customers plans, checkout and a billing history they can trust, and gives your team a console
              for every payment, refund and dispute.
            </p>
            <div className="mt-10 flex flex-wrap gap-3">
              <Link href="/sign-up" className={buttonClasses('primary')}>
                Create an account
              </Link>
              <Link href="/pricing" className={buttonClasses('secondary')}>
                See pricing
              </Link>
            </div>
          </div>
          <div className="flex justify-center lg:justify-end">
            <BillingHistoryExample />
          </div>
        </div>
      </section>
      <section aria-labelledby="features-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="features-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          What Paydesk handles
        </h2>
        <ul className="mt-8 grid gap-6 sm:grid-cols-2">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <h3 className="font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
