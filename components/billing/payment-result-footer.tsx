// How every payment result page ends: while the mirror has not caught up, a bounded refresh with
// an honest message; then the ways on, to the account and the billing history.
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { RefreshUntilSettled } from './refresh-until-settled';

export function PaymentResultFooter({ settled }: { settled: boolean }) {
  return (
    <>
      {!settled && (
        <RefreshUntilSettled slowMessage="Your payment went through. It can take a minute to appear in your account; you can safely leave this page." />
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/account" className={buttonClasses()}>
          Go to your account
        </Link>
        <Link href="/account/billing" className={buttonClasses('secondary')}>
          Billing history
        </Link>
      </div>
    </>
  );
}
