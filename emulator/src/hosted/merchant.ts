// Who the customer is paying, as the hosted pages name them. Stripe takes this from the account's
// business profile; the emulator has no account object, so it comes from the environment.
export function businessName(): string {
  return process.env.STRIPE_EMULATOR_BUSINESS_NAME?.trim() || 'Paydesk';
}

export function initials(name: string): string {
  return (name.match(/\b\w/g) ?? ['?']).slice(0, 2).join('').toUpperCase();
}
