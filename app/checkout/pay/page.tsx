import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { PageHeading } from '@/components/ui/page-heading';
import { NoticeCard } from '@/components/ui/notice-card';
import { PaymentForm } from '@/components/billing/payment-form';
import { PlanPurchase } from '@/components/billing/plan-purchase';
import { PurchasePanels } from '@/components/billing/purchase-panels';
import { catalogPrice } from '@/lib/billing/catalog-queries';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { formatMoney } from '@/lib/money';
import { cardBrandName } from '@/lib/billing/format';
import { defaultCard } from '@/lib/billing/payment-methods';
import { isLive, offersTrial, subscriptionForCustomer } from '@/lib/billing/subscription-mirror';
import { getDb } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { purchaseQuantity, seatsFieldSchema, seatsInUse } from '@/lib/billing/seat-count';
import { stripePublicConfig } from '@/lib/stripe/client';
import { priceIdSchema } from '@/lib/stripe/ids';
import { checkPromotionCode, prepareOrderPayment, prepareSeatSubscriptionPayment, prepareSubscriptionPayment } from '../actions';

export const metadata: Metadata = { title: 'Pay' };

const query = z.object({ price: priceIdSchema, seats: seatsFieldSchema });

export default async function PayInAppPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const parsed = query.safeParse(await searchParams);
  const price = parsed.success ? await catalogPrice(parsed.data.price) : null;
  if (!price) {
    return (
      <NoticeCard title="This item is not available">
        It may have been retired. <Link href="/pricing" className="font-medium text-brand-600 hover:underline">See current plans</Link>.
      </NoticeCard>
    );
  }

  let seats: number;
  try {
    seats = purchaseQuantity(price, parsed.data?.seats, await seatsInUse(await getDb(), user.organisation.id));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return (
      <NoticeCard title="Choose another number of seats" actions={[{ href: '/pricing', label: 'Back to pricing' }]}>
        <p>{error.message}</p>
      </NoticeCard>
    );
  }
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const current = customerId ? await subscriptionForCustomer(customerId) : null;
  let trialDays: number | null = null;
  if (price.interval) {
    if (current && isLive(current.status)) {
      return (
        <NoticeCard
          title={`You already have the ${current.plan?.name ?? 'current'} plan`}
          actions={[
            ...(current.plan?.priceId !== price.id ? [{ href: `/account/switch?${new URLSearchParams({ price: price.id })}`, label: `Switch to ${price.productName}` }] : []),
            { href: '/account', label: 'Go to your account' },
          ]}
        >
          <p>One subscription at a time: switch plans instead, and we&apos;ll prorate the difference.</p>
        </NoticeCard>
      );
    }
    trialDays = (await offersTrial(customerId)) ? price.trialDays : null;
  }

  const card = customerId ? await defaultCard(customerId, current?.defaultPaymentMethodId ?? null) : null;
  const savedCard = card && { id: card.id, label: `${cardBrandName(card.brand)} •••• ${card.last4}` };
  const backToPricing = (
    <p className="mt-4 text-center text-sm text-slate-500">
      <Link href="/pricing" className="hover:text-slate-700 hover:underline">
        Back to pricing
      </Link>
    </p>
  );
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <PageHeading title={price.interval ? `Subscribe to ${price.productName}` : `Buy ${price.productName}`}>
        Your card details go straight to Stripe; they never touch our servers.
      </PageHeading>
      {price.interval ? (
        <>
          <PlanPurchase
            plan={{
              name: price.productName,
              unitAmount: price.unitAmount * seats,
              currency: price.currency,
              interval: price.interval,
              ...(price.perSeat ? { seats: { count: seats, unitAmount: price.unitAmount } } : {}),
            }}
            trialDays={trialDays}
            stripeConfig={stripePublicConfig()}
            savedCard={savedCard}
            check={checkPromotionCode.bind(null, price.id, seats)}
            prepare={price.perSeat ? prepareSeatSubscriptionPayment.bind(null, price.id, seats) : prepareSubscriptionPayment.bind(null, price.id)}
          />
          {backToPricing}
        </>
      ) : (
        <PurchasePanels
          rows={
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">{price.productName}</dt>
              <dd className="text-right font-medium text-slate-900">{formatMoney(price.unitAmount, price.currency)}</dd>
            </div>
          }
          dueToday={formatMoney(price.unitAmount, price.currency)}
        >
          <PaymentForm
            stripeConfig={stripePublicConfig()}
            mode="payment"
            amount={price.unitAmount}
            currency={price.currency}
            submitLabel={`Pay ${formatMoney(price.unitAmount, price.currency)}`}
            pendingLabel="Processing…"
            prepare={prepareOrderPayment.bind(null, price.id)}
            savedCard={savedCard}
          />
          {backToPricing}
        </PurchasePanels>
      )}
    </div>
  );
}
