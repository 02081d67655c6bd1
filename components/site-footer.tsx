export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-(--site-width) flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>Paydesk — the billing foundation for SaaS teams.</p>
        <p>Payments are processed by Stripe.</p>
      </div>
    </footer>
  );
}
