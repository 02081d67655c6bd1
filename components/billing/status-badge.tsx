// A coloured pill for a Stripe status (subscription, payment, invoice), in words a customer reads.
const looks: Record<string, { label: string; className: string }> = {
  active: { label: 'Active', className: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  trialing: { label: 'Free trial', className: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  past_due: { label: 'Past due', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  unpaid: { label: 'Unpaid', className: 'bg-red-50 text-red-800 ring-red-600/20' },
  incomplete: { label: 'Awaiting payment', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  incomplete_expired: { label: 'Expired', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  canceled: { label: 'Canceled', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  paused: { label: 'Paused', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  succeeded: { label: 'Paid', className: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  paid: { label: 'Paid', className: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  processing: { label: 'Processing', className: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  requires_payment_method: { label: 'Failed', className: 'bg-red-50 text-red-800 ring-red-600/20' },
  requires_action: { label: 'Needs authentication', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  requires_confirmation: { label: 'Incomplete', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  requires_capture: { label: 'Authorized', className: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  refunded: { label: 'Refunded', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  partially_refunded: { label: 'Partially refunded', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  open: { label: 'Open', className: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  void: { label: 'Void', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const look = looks[status] ?? { label: status.replace(/_/g, ' '), className: 'bg-slate-100 text-slate-700 ring-slate-500/20' };
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>{label ?? look.label}</span>
  );
}
