// Keyset pagination: back to the first page, and on to the next one (there is no "previous": a
// cursor only points forward).
import Link from 'next/link';
import { buttonClasses } from './button-classes';

type PageLink = { href: string; label: string };

/** Renders nothing when there is neither a way back nor a next page. */
export function Pager({ label, first, next, className }: { label: string; first?: PageLink | null; next?: PageLink | null; className: string }) {
  if (!first && !next) return null;
  return (
    <nav aria-label={label} className={`flex items-center justify-between gap-3 ${className}`}>
      {first ? (
        <Link href={first.href} className={buttonClasses('secondary', 'sm')}>
          {first.label}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={next.href} className={buttonClasses('secondary', 'sm')}>
          {next.label}
        </Link>
      )}
    </nav>
  );
}
