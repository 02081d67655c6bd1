// The way back to the list a detail page was opened from ("← All payments").
import Link from 'next/link';

export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <p>
      <Link href={href} className="text-sm font-medium text-brand-700 hover:underline">
        ← {children}
      </Link>
    </p>
  );
}
