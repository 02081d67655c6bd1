// Credit notes, from the events' snapshots: issued for refunds of invoiced payments (and anything
// issued in the Dashboard), updated, voided. The invoice's own `invoice.updated` brings its new credit totals.
import { on } from './define';

export const creditNoteEvents = on(['credit_note.created', 'credit_note.updated', 'credit_note.voided'], async (event, run) => run.observe('creditNote', event));
