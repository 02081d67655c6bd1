import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { webhookHealth } from '@/lib/billing/admin/webhook-health';
import { PageHeading } from '@/components/ui/page-heading';
import { formatDateTime } from '@/lib/billing/format';
import { EmptyState, Panel, Stat, StatGrid } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { ActionForm } from '@/components/ui/action-form';
import { StatusBadge } from '@/components/billing/status-badge';
import { reconcileAction, retryEventAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks · Admin' };

export default async function AdminWebhooksPage() {
  await requireAdmin();
  const health = await webhookHealth();
  const { counts, lastReceived, failing } = health;
  return (
    <div className="space-y-6">
      <PageHeading title="Webhook health">
        Events Stripe sent, stored in the inbox and worked into the mirror. Failing events keep retrying with backoff, then stop until retried here.
      </PageHeading>
      <StatGrid label="Inbox counts">
        <Stat label="Pending" value={counts.pending} hint={counts.retrying ? `${counts.retrying} after an error` : 'Waiting to be worked'} />
        <Stat label="Failed" value={counts.failed} hint="Gave up; retry below" />
        <Stat label="Processed" value={counts.processed} />
        <Stat label="Ignored" value={counts.ignored} hint="Types Paydesk does not use" />
      </StatGrid>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="last-event-heading" title="Last event received">
          {lastReceived ? (
            <dl className="divide-y divide-slate-100 text-sm">
              {[
                ['Type', <span key="t" className="font-mono">{lastReceived.type}</span>],
                ['Event', <span key="e" className="font-mono text-xs">{lastReceived.id}</span>],
                ['Received', formatDateTime(lastReceived.receivedAt)],
                ['Status', <StatusBadge key="s" kind="event" status={lastReceived.status} />],
                ['Source', lastReceived.source === 'reconcile' ? 'Reconciliation' : 'Webhook'],
              ].map(([label, value]) => (
                <div key={String(label)} className="grid grid-cols-3 gap-3 px-5 py-2.5">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="col-span-2 text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <EmptyState title="No events yet">Check that Stripe’s webhook endpoint points at /api/stripe/webhook.</EmptyState>
          )}
        </Panel>
        <Panel id="reconcile-heading" title="Reconcile" description="Replays Stripe’s events since the last reconciliation, catching anything a webhook missed.">
          <div className="p-5">
            <ActionForm action={reconcileAction} label="Reconcile now" pendingLabel="Reconciling…" />
          </div>
        </Panel>
      </div>

      <Panel id="failing-heading" title="Failing events" description="Failed events first, then events still being retried after an error.">
        {failing.length === 0 ? (
          <EmptyState title="No failing events">Every event received has been processed or is waiting its turn.</EmptyState>
        ) : (
          <SimpleTable
            caption="Failing webhook events"
            head={['Event', 'Status', 'Attempts', 'Error', 'Received', '']}
            numeric={[2]}
            rows={failing.map((e) => [
              <span key="e">
                <span className="font-mono text-slate-900">{e.type}</span>
                <span className="block font-mono text-xs text-slate-400">{e.id}</span>
                {e.objectId && <span className="block font-mono text-xs text-slate-400">{e.objectId}</span>}
              </span>,
              <StatusBadge key="s" kind="event" status={e.status === 'failed' ? 'failed' : 'retrying'} />,
              e.attempts,
              <span key="err" className="block max-w-md break-words text-red-700">{e.lastError}</span>,
              formatDateTime(e.receivedAt),
              <ActionForm
                key="r"
                action={retryEventAction}
                label="Retry"
                pendingLabel="Retrying…"
                variant="secondary"
                fields={{ eventId: e.id }}
                accessibleName={`Retry ${e.type} ${e.id}`}
              />,
            ])}
          />
        )}
      </Panel>
    </div>
  );
}
