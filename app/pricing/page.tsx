import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { FormMessage } from '@/components/ui/form-message';
import { PageHeading } from '@/components/ui/page-heading';
import { ActionForm } from '@/components/ui/action-form';
import { PricingPlans } from '@/components/billing/pricing-plans';
import { pricingCatalog } from '@/lib/billing/catalog-queries';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { formatMoney } from '@/lib/money';
import { isLive, offersTrial, subscriptionForCustomer } from '@/lib/billing/subscription-mirror';
import { getDb } from '@/lib/db/client';
import { seatsInUse } from '@/lib/billing/seat-count';
import { startCheckoutAction } from './actions';

export const metadata: Metadata = { title: 'Pricing' };

export default async function PricingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, catalog, params] = await Promise.all([getCurrentMember(), pricingCatalog(), searchParams]);
  const customerId = user ? await customerIdForOrganisation(await getDb(), user.organisation.id) : null;
  const [subscription, offerTrials] = await Promise.all([customerId ? subscriptionForCustomer(customerId) : null, offersTrial(customerId)]);
  const live = subscription && isLive(subscription.status) ? subscription : null;
  const seatsUsed = user ? await seatsInUse(await getDb(), user.organisation.id) : 1;

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Pricing">
        Pick a plan, pay by card on Stripe&apos;s Checkout page or right here in the app, and change or cancel any time.
      </PageHeading>
      {params.checkout === 'canceled' && (
        <div className="mt-6">
          <FormMessage success="Checkout was canceled. You have not been charged." />
        </div>
      )}
      {catalog.plans.length === 0 && catalog.addOns.length === 0 ? (
        <div className="mt-10 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="text-lg font-semibold text-slate-900">No plans are configured yet</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            Plans appear here once products and prices exist in the connected Stripe account.
          </p>
        </div>
      ) : (
        <>
          <div className="mt-10">
            <PricingPlans plans={catalog.plans} signedIn={Boolean(user)} currentPriceId={live?.plan?.priceId ?? null} hasLivePlan={Boolean(live)} offerTrials={offerTrials} seatsInUse={seatsUsed} />
          </div>
          {catalog.addOns.length > 0 && (
            <section aria-labelledby="add-ons-heading" className="mt-14">
              <h2 id="add-ons-heading" className="text-xl font-semibold text-slate-900">
                Add-ons
              </h2>
              <p className="mt-1 text-sm text-slate-600">One-time purchases with a receipt. Buy with Checkout to get an invoice for your records too.</p>
              <ul className="mt-6 grid gap-6 md:grid-cols-2" aria-label="Add-ons">
                {catalog.addOns.map((addOn) => (
                  <li
                    key={addOn.price.id}
                    aria-labelledby={`add-on-${addOn.price.id}`}
                    className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:flex-row sm:items-center sm:justify-between"
                  >
                    <div>
                      <h3 id={`add-on-${addOn.price.id}`} className="font-semibold text-slate-900">
                        {addOn.name}
                      </h3>
                      {addOn.description && <p className="mt-1 text-sm text-slate-600">{addOn.description}</p>}
                      <p className="mt-2 text-lg font-semibold text-slate-900">
                        {formatMoney(addOn.price.unitAmount, addOn.price.currency)} <span className="text-sm font-normal text-slate-500">one time</span>
                      </p>
                    </div>
                    <div className="flex shrink-0 flex-col gap-2 sm:w-52">
                      {user ? (
                        <>
                          <ActionForm
                            action={startCheckoutAction}
                            fields={{ priceId: addOn.price.id }}
                            label="Buy with Checkout"
                            pendingLabel="Opening Checkout…"
                            buttonClassName="w-full"
                          />
                          <Link href={`/checkout/pay?${new URLSearchParams({ price: addOn.price.id })}`} className={`${buttonClasses('secondary')} w-full`}>
                            Pay in app
                          </Link>
                        </>
                      ) : (
                        <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: '/pricing' })}`} className={`${buttonClasses('secondary')} w-full`}>
                          Sign in to buy
                        </Link>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
