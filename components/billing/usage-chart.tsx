'use client';
// Usage per day of the current period (recharts). The same numbers are in the table below it, for
// screen readers and for copying.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, barStyle, chartGrid, ChartFigure } from '@/components/ui/chart';

export function UsageChart({ days, unit }: { days: { day: string; units: number }[]; unit: string }) {
  const data = days.map((d) => ({ day: d.day.slice(5), units: d.units }));
  return (
    <ChartFigure label={`${unit} per day this period`} height="h-60">
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...chartGrid} />
        <XAxis dataKey="day" tick={axisTick} minTickGap={16} />
        <YAxis allowDecimals={false} tick={axisTick} width={40} />
        <Tooltip />
        <Bar dataKey="units" name={unit} fill="#4f46e5" maxBarSize={32} {...barStyle} />
      </BarChart>
    </ChartFigure>
  );
}
