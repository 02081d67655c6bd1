// Disputes, from the events' snapshots, with the disputed charge refreshed.
import { idOf } from '@/lib/stripe/ids';
import { on } from './define';

export const disputeEvents = on(
  [
    'charge.dispute.created',
    'charge.dispute.updated',
    'charge.dispute.closed',
    'charge.dispute.funds_withdrawn',
    'charge.dispute.funds_reinstated',
  ],
  async (event, run) => {
    run.observe('dispute', event);
    // A dispute flips its charge's `disputed` flag, which no charge event announces: refresh the charge.
    await run.charge(idOf(event.data.object.charge)!);
  },
);
