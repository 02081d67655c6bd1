'use client';
// What every chart shares (recharts): a labelled figure its chart fills, and the house style of the
// grid, the axes' text and the bars.
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export const chartGrid = { strokeDasharray: '3 3', stroke: '#e2e8f0' };
export const axisTick = { fontSize: 12, fill: '#64748b' };
export const barStyle = { radius: [3, 3, 0, 0] as [number, number, number, number], isAnimationActive: false };

/** `height`: a Tailwind height class for the figure (the chart takes all of it). */
export function ChartFigure({ label, height = 'h-60', children }: { label: string; height?: string; children: ReactElement }) {
  return (
    <figure aria-label={label} className={`${height} w-full`}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
