// "4 of 5 seats used", and when seats were freed this period, when the count drops (no credit now).
import type { Seats } from '@/lib/billing/seats';
import { formatDate } from '@/lib/billing/format';

export function SeatSummary({ seats }: { seats: Seats }) {
  return (
    <section aria-label="Seats" className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="font-semibold text-slate-900" data-testid="seats-used">
        {seats.used} of {seats.paid} seats used
      </p>
      {seats.renewing < seats.paid ? (
        <p className="mt-1 text-sm text-slate-600" data-testid="seats-drop">
          {seats.paid} seats paid, {seats.used} used; drops to {seats.renewing} at renewal{seats.renewsOn ? ` on ${formatDate(seats.renewsOn)}` : ''}. Freed seats are not credited, and you can fill them again for free until then.
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Members and pending invitations each take a seat. Adding one beyond the paid seats charges the prorated price at once.</p>
      )}
    </section>
  );
}
