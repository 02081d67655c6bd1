'use client';
// Revenue charts (recharts): gross, refunds and net per period, and subscriptions started vs
// churned. The same numbers are in the tables next to them, for screen readers and for copying.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, BarChart } from 'recharts';
import { formatMoney, minorUnitDigits } from '@/lib/money';
import type { RevenueBucket, SubscriptionBucket } from '@/lib/billing/admin/revenue';

const colors = { gross: '#4f46e5', refunds: '#f59e0b', net: '#059669', started: '#4f46e5', churned: '#dc2626' };

export function RevenueChart({ buckets, currency }: { buckets: RevenueBucket[]; currency: string }) {
  const scale = 10 ** minorUnitDigits(currency);
  // Recharts plots numbers: major units here, formatted back through formatMoney for labels.
  const data = buckets.map((b) => ({ period: b.period, gross: b.gross / scale, refunds: b.refunds / scale, net: b.net / scale }));
  const money = (value: unknown) => formatMoney(Math.round(Number(value) * scale), currency);
  return (
    <figure aria-label={`Gross, refunds and net in ${currency.toUpperCase()} per period`} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="period" tick={{ fontSize: 12, fill: '#64748b' }} minTickGap={16} />
          <YAxis tick={{ fontSize: 12, fill: '#64748b' }} tickFormatter={money} width={80} />
          <Tooltip formatter={(value) => money(value)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="gross" name="Gross" fill={colors.gross} radius={[3, 3, 0, 0]} maxBarSize={40} isAnimationActive={false} />
          <Bar dataKey="refunds" name="Refunds" fill={colors.refunds} radius={[3, 3, 0, 0]} maxBarSize={40} isAnimationActive={false} />
          <Line dataKey="net" name="Net" stroke={colors.net} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function SubscriptionsChart({ buckets }: { buckets: SubscriptionBucket[] }) {
  return (
    <figure aria-label="Subscriptions started and churned per period" className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={buckets} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="period" tick={{ fontSize: 12, fill: '#64748b' }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#64748b' }} width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="started" name="New" fill={colors.started} radius={[3, 3, 0, 0]} maxBarSize={40} isAnimationActive={false} />
          <Bar dataKey="churned" name="Churned" fill={colors.churned} radius={[3, 3, 0, 0]} maxBarSize={40} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
