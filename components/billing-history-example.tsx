// A static picture of the billing history Paydesk builds, for the landing page. Sample data only.
const rows = [
  { item: 'Pro plan · monthly', invoice: 'INV-0042', amount: '$29.00', status: 'Paid' },
  { item: 'Extra seats × 3', invoice: 'INV-0042', amount: '$30.00', status: 'Paid' },
  { item: 'Onboarding add-on', invoice: 'INV-0041', amount: '$99.00', status: 'Refunded $20.00' },
  { item: 'Pro plan · monthly', invoice: 'INV-0039', amount: '$29.00', status: 'Paid' },
];

export function BillingHistoryExample() {
  return (
    <figure className="w-full max-w-md rounded-xl border border-slate-200 bg-white shadow-lg shadow-slate-200/60">
      <figcaption className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <span className="text-sm font-semibold text-slate-900">Billing history</span>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-500">Example</span>
      </figcaption>
      <table className="w-full text-left text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr key={index}>
              <td className="px-5 py-3">
                <div className="font-medium text-slate-900">{row.item}</div>
                <div className="text-xs text-slate-500">{row.invoice}</div>
              </td>
              <td className="px-5 py-3 text-right">
                <div className="font-medium tabular-nums text-slate-900">{row.amount}</div>
                <div className={`text-xs ${row.status === 'Paid' ? 'text-emerald-700' : 'text-amber-700'}`}>{row.status}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
