'use client';
// Usage per day of the current period (recharts). The same numbers are in the table below it, for
// screen readers and for copying.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export function UsageChart({ days, unit }: { days: { day: string; units: number }[]; unit: string }) {
  const data = days.map((d) => ({ day: d.day.slice(5), units: d.units }));
  return (
    <figure aria-label={`${unit} per day this period`} className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: '#64748b' }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#64748b' }} width={40} />
          <Tooltip />
          <Bar dataKey="units" name={unit} fill="#4f46e5" radius={[3, 3, 0, 0]} maxBarSize={32} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
