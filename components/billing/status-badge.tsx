// A Stripe status as a coloured pill, in the words of lib/billing/statuses.ts.
import { statusWords, type Audience, type StatusKind } from '@/lib/billing/statuses';
import { Badge } from '@/components/ui/badge';

export function StatusBadge({ kind, status, audience }: { kind: StatusKind; status: string; audience?: Audience }) {
  const { label, tone } = statusWords(kind, status, audience);
  return <Badge tone={tone}>{label}</Badge>;
}
