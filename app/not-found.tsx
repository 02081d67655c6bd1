import type { Metadata } from 'next';
import { StatusPage } from '@/components/status-page';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found">
      <p>We could not find the page you were looking for. Check the address, or start again from the home page.</p>
    </StatusPage>
  );
}
