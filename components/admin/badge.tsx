// A small coloured label for a status. The colour only repeats what the text says.
import type { ReactNode } from 'react';

const tones = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  warn: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  bad: 'bg-red-50 text-red-800 ring-red-600/20',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  info: 'bg-brand-50 text-brand-700 ring-brand-600/20',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

const statusTones: Record<string, BadgeTone> = {
  Succeeded: 'good',
  Processed: 'good',
  Active: 'good',
  Won: 'good',
  Paid: 'good',
  'Partially refunded': 'warn',
  Refunded: 'neutral',
  Processing: 'info',
  Trialing: 'info',
  'Needs authentication': 'warn',
  'Needs response': 'bad',
  'Inquiry: needs response': 'bad',
  'Under review': 'warn',
  'Inquiry: under review': 'warn',
  'Past due': 'bad',
  Pending: 'warn',
  Failed: 'bad',
  Lost: 'bad',
  Canceled: 'neutral',
};

/** A badge whose colour follows its (human) label. */
export function StatusBadge({ label }: { label: string }) {
  return <Badge tone={statusTones[label] ?? 'neutral'}>{label}</Badge>;
}
