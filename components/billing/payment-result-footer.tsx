// How every payment result page ends: while the mirror has not caught up, a bounded refresh with
// an honest message; then the ways on, to the account and the billing history.
import { LinkButtons } from '@/components/ui/link-buttons';
import { RefreshUntilSettled } from './refresh-until-settled';

export function PaymentResultFooter({ settled }: { settled: boolean }) {
  return (
    <>
      {!settled && (
        <RefreshUntilSettled slowMessage="Your payment went through. It can take a minute to appear in your account; you can safely leave this page." />
      )}
      <LinkButtons
        links={[
          { href: '/account', label: 'Go to your account' },
          { href: '/account/billing', label: 'Billing history' },
        ]}
      />
    </>
  );
}
