'use client';
// Shown while a payment is settling: re-renders the page (a server-side check) every couple of
// seconds, for a bounded time, then says plainly that the payment is fine and will show up soon.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Spinner } from '@/components/ui/spinner';

export function RefreshUntilSettled({ seconds = 20, slowMessage }: { seconds?: number; slowMessage: string }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started >= seconds * 1000) {
        window.clearInterval(timer);
        setGaveUp(true);
        return;
      }
      router.refresh();
    }, 2_000);
    return () => window.clearInterval(timer);
  }, [router, seconds]);

  return (
    <div role="status" className="mt-6 flex items-start gap-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
      {gaveUp ? (
        <p>{slowMessage}</p>
      ) : (
        <>
          <Spinner className="mt-0.5 size-4 shrink-0 text-brand-600" />
          <p>Finishing up… This page updates by itself.</p>
        </>
      )}
    </div>
  );
}
