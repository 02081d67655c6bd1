'use client';
// Revenue charts (recharts): gross, refunds and net per period, and subscriptions started vs
// churned. The same numbers are in the tables next to them, for screen readers and for copying.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis, BarChart } from 'recharts';
import { axisTick, barStyle, chartGrid, ChartFigure } from '@/components/ui/chart';
import { formatMoney, minorUnitDigits } from '@/lib/money';
import type { RevenueBucket, SubscriptionBucket } from '@/lib/billing/admin/revenue';

const colors = { gross: '#4f46e5', refunds: '#f59e0b', net: '#059669', started: '#4f46e5', churned: '#dc2626' };

export function RevenueChart({ buckets, currency }: { buckets: RevenueBucket[]; currency: string }) {
  const scale = 10 ** minorUnitDigits(currency);
  // Recharts plots numbers: major units here, formatted back through formatMoney for labels.
  const data = buckets.map((b) => ({ period: b.period, gross: b.gross / scale, refunds: b.refunds / scale, net: b.net / scale }));
  const money = (value: unknown) => formatMoney(Math.round(Number(value) * scale), currency);
  return (
    <ChartFigure label={`Gross, refunds and net in ${currency.toUpperCase()} per period`} height="h-72">
      <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid {...chartGrid} />
        <XAxis dataKey="period" tick={axisTick} minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={money} width={80} />
        <Tooltip formatter={(value) => money(value)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="gross" name="Gross" fill={colors.gross} maxBarSize={40} {...barStyle} />
        <Bar dataKey="refunds" name="Refunds" fill={colors.refunds} maxBarSize={40} {...barStyle} />
        <Line dataKey="net" name="Net" stroke={colors.net} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}

export function SubscriptionsChart({ buckets }: { buckets: SubscriptionBucket[] }) {
  return (
    <ChartFigure label="Subscriptions started and churned per period">
      <BarChart data={buckets} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...chartGrid} />
        <XAxis dataKey="period" tick={axisTick} minTickGap={16} />
        <YAxis allowDecimals={false} tick={axisTick} width={40} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="started" name="New" fill={colors.started} maxBarSize={40} {...barStyle} />
        <Bar dataKey="churned" name="Churned" fill={colors.churned} maxBarSize={40} {...barStyle} />
      </BarChart>
    </ChartFigure>
  );
}
