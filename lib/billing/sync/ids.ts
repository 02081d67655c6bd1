/** A Stripe reference's id: expanded references come back as objects, plain ones as ids. */
export function idOf(ref: string | { id?: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : (ref.id ?? null);
}
