// A row of links styled as buttons: the first is the way on (primary), the others alternatives.
import Link from 'next/link';
import { buttonClasses } from './button-classes';

export interface LinkAction {
  href: string;
  label: string;
}

export function LinkButtons({ links, className = 'mt-6' }: { links: LinkAction[]; className?: string }) {
  return (
    <div className={`flex flex-wrap gap-3 ${className}`}>
      {links.map(({ href, label }, index) => (
        <Link key={href} href={href} className={buttonClasses(index === 0 ? 'primary' : 'secondary')}>
          {label}
        </Link>
      ))}
    </div>
  );
}
