// Tables that stay readable on a phone: each becomes one card per row (the header row hides and
// each cell shows its column's name beside it), and a wide one scrolls sideways inside its region.
import type { ReactNode } from 'react';

const th = 'whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';
const td = 'px-3 py-3 align-top text-sm text-slate-700';
const numericCell = 'whitespace-nowrap text-right tabular-nums';

/** Wraps a wide table so it scrolls sideways on small screens instead of breaking the page. */
export function TableScroller({ children, label }: { children: ReactNode; label: string }) {
  return (
    // A focusable scroll region so keyboard users can scroll it too.
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/** A captioned table whose rows (`Row`s of `Cell`s) become cards on a phone. */
export function StackedTable({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <TableScroller label={caption}>
      <table className="min-w-full divide-y divide-slate-200 max-md:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 max-md:hidden">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`${th} ${column.numeric ? 'text-right' : ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white max-md:block">{children}</tbody>
      </table>
    </TableScroller>
  );
}

export function Row({ className = '', children, ...data }: { className?: string; children: ReactNode } & { [key: `data-${string}`]: string }) {
  return (
    <tr className={`max-md:block max-md:py-2 ${className}`} {...data}>
      {children}
    </tr>
  );
}

/** A cell of a `StackedTable`; `label` is its column's name, shown beside it on a phone. */
export function Cell({ label, numeric, className = '', children }: { label: string; numeric?: boolean; className?: string; children: ReactNode }) {
  return (
    <td
      data-label={label}
      className={`${td} max-md:flex max-md:justify-between max-md:gap-4 max-md:py-1 max-md:before:shrink-0 max-md:before:pt-0.5 max-md:before:text-xs max-md:before:font-semibold max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)] ${numeric ? numericCell : ''} ${className}`}
    >
      <div className="max-md:min-w-0 max-md:text-right">{children}</div>
    </td>
  );
}

/** A table from plain rows of cells; `numeric` lists the right-aligned columns by index. */
export function SimpleTable({ caption, head, rows, numeric = [] }: { caption: string; head: string[]; rows: ReactNode[][]; numeric?: number[] }) {
  const columns = head.map((label, i) => ({ label, numeric: numeric.includes(i) }));
  return (
    <StackedTable caption={caption} columns={columns}>
      {rows.map((cells, r) => (
        <Row key={r}>
          {cells.map((cell, i) => (
            <Cell key={i} label={head[i]} numeric={columns[i].numeric}>
              {cell}
            </Cell>
          ))}
        </Row>
      ))}
    </StackedTable>
  );
}
