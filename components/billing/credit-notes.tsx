// An invoice's credit notes, one line each: number, amount, date, what was refunded, void.
import { formatMoney } from '@/lib/money';
import { formatDate } from '@/lib/billing/format';
import type { HistoryPayment } from '@/lib/billing/history';

type CreditNote = HistoryPayment['invoices'][number]['creditNotes'][number];

/** `numberClassName`: how the note's number stands out (the admin's detail bolds it). */
export function CreditNotes({ notes, currency, numberClassName }: { notes: CreditNote[]; currency: string; numberClassName?: string }) {
  return notes.map((note) => (
    <p key={note.id} className="mt-2 text-sm text-slate-600">
      Credit note <span className={numberClassName}>{note.number ?? note.id}</span>: {formatMoney(note.amount, currency)} on {formatDate(note.created)}
      {note.refunded > 0 ? ` · ${formatMoney(note.refunded, currency)} refunded` : ''}
      {note.status === 'void' ? ' · void' : ''}
    </p>
  ));
}
