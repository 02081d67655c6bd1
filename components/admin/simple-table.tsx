// A small accessible table (caption, column headers) for detail pages; numeric columns align right.
import type { ReactNode } from 'react';
import { Cell, TableScroller, stacked, th } from './panel';

export function SimpleTable({ caption, head, rows, numeric = [] }: { caption: string; head: string[]; rows: ReactNode[][]; numeric?: number[] }) {
  return (
    <TableScroller label={caption}>
      <table className={`min-w-full divide-y divide-slate-200 ${stacked.table}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`bg-slate-50 ${stacked.head}`}>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`${th} ${numeric.includes(i) ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${stacked.body}`}>
          {rows.map((cells, r) => (
            <tr key={r} className={stacked.row}>
              {cells.map((cell, i) => (
                <Cell key={i} label={head[i]} className={numeric.includes(i) ? 'whitespace-nowrap text-right tabular-nums' : ''}>
                  {cell}
                </Cell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
