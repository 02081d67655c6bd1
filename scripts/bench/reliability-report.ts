// Writes docs/reliability.md: each guarantee Paydesk makes, the tests that prove it, whether they
// passed in this run, and the figures they measured (chaos counts, fuzz outcomes) plus the
// headline benchmark figures from docs/benchmarks.json.
//
//   npx tsx scripts/bench/reliability-report.ts                 # runs the listed Vitest files, then writes
//   npx tsx scripts/bench/reliability-report.ts --from FILE     # reads a Vitest JSON report instead
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chaosMarkdown } from './chaos';
import { readFigures } from './figures';
import { throttleLimits, throttleWindowMs } from '../../lib/auth/throttle';
import { maxWebhookBodyBytes } from '../../lib/billing/sync/inbox';
import { parseEnv } from '../../lib/env';
import { count, ms, ratio, table } from './measure';
import type { ChaosReport } from '../../test/chaos/scenario';

interface Proof {
  file: string;
  /** The test's title (the `it` text; `%s` rows of describe.each are matched by prefix). */
  test: string;
}

interface Guarantee {
  name: string;
  claim: string;
  /** Per test file, the titles of the tests that prove the claim. */
  proofs: Record<string, string[]>;
  /** Browser specs, run by `npm run test:e2e`, not by this report. */
  e2e?: string[];
}

const guarantees: Guarantee[] = [
  {
    name: '1. At-least-once in, exactly-once effect',
    claim: 'A duplicate delivery changes nothing; the event row and its work commit together; a crash between receipt and processing loses nothing.',
    proofs: {
      'test/billing/webhook-route.test.ts': [
        'stores a duplicate delivery once (sequential)',
        'stores a duplicate delivery once (concurrent)',
      ],
      'test/billing/sync.test.ts': [
        'changes nothing on duplicate deliveries, sequential or concurrent',
      ],
      'test/billing/processor.test.ts': [
        'marks an event processed in the same transaction as its work',
        'leaves the event pending, with nothing saved, when saving its work fails',
        'recovers an event stored just before a crash, and one claimed by a worker that died',
        'hands each event to exactly one of several concurrent workers',
      ],
      'test/security/webhook.test.ts': [
        'stores an exact replay of a valid delivery once',
      ],
      'test/chaos/chaos.test.ts': [
        'stores every event once and leaves nothing pending or failed in the inbox',
      ],
    },
  },
  {
    name: '2. Order-safe',
    claim: 'Any arrival order converges on Stripe’s state; an older snapshot never overwrites a newer one; terminal states never go back; same-second ties are safe.',
    proofs: {
      'test/billing/sync.test.ts': [
        'mirrors a subscription purchase from its events delivered newest first',
        'never lets a stale read of the same second overwrite newer state',
        'keeps a deletion when older product and customer events arrive after it',
        'ends equal to Stripe after a scenario delivered with duplicates and shuffling, reconciled meanwhile',
      ],
      'test/chaos/chaos.test.ts': [
        'ends with every mirrored object equal to the emulator’s after stripe:sync',
      ],
    },
  },
  {
    name: '3. No missing parents',
    claim: 'An event whose parent is not mirrored fetches it, or fails and is retried; it is never dropped.',
    proofs: {
      'test/billing/sync.test.ts': [
        'fetches missing parents instead of dropping an event',
        'retries an event whose object cannot be fetched, then shows it as failed',
      ],
      'test/billing/processor.test.ts': [
        'retries a throwing handler with growing delays, then shows it as failed until an admin retries it',
      ],
    },
  },
  {
    name: '4. Money from ledger rows only',
    claim: 'Revenue, refunds and amounts paid are sums over rows keyed by Stripe ids, never counts of events.',
    proofs: {
      'test/admin/admin-queries.test.ts': [
        'totals a filter from the same payments the history lists',
        'counts pending refunds but not failed or canceled ones, and leaves out abandoned intents',
        'reports gross, refunds and net per day within the range, zero-filled',
      ],
      'test/chaos/chaos.test.ts': [
        'matches revenue to the cent: gross, refunds, net, active and trialing subscriptions',
      ],
    },
  },
  {
    name: '5. Reconciliation converges',
    claim: '`npm run stripe:sync` (full backfill, or replay of /v1/events since the cursor) brings the mirror to exactly Stripe’s state through the same idempotent path.',
    proofs: {
      'test/billing/sync.test.ts': [
        'rebuilds an empty mirror with a full reconciliation, then replays new events incrementally',
      ],
      'test/chaos/chaos.test.ts': [
        'ends with every mirrored object equal to the emulator’s after stripe:sync',
      ],
    },
  },
  {
    name: '6. Fail closed',
    claim: 'Unknown subscription status ⇒ no entitlement; unknown event type ⇒ 200 and ignored; bad signature ⇒ 400 and nothing stored.',
    proofs: {
      'lib/billing/entitlements.test.ts': [
        'fails closed on a status it does not know',
      ],
      'test/billing/webhook-route.test.ts': [
        'acknowledges an unknown event type and marks it ignored',
        'rejects a bad signature with 400 and stores nothing',
        'rejects a body altered after signing',
        'rejects a missing signature header',
        'rejects a correctly signed but stale delivery (replay outside the 5-minute tolerance)',
      ],
      'test/security/webhook.test.ts': [
        'refuses a forged v1 signature (right format, random digest) and stores nothing',
        'refuses a valid digest under a scheme other than v1 (v0) and stores nothing',
        'refuses a captured signature replayed with another event body, within the tolerance',
        'refuses a signature whose timestamp was moved forward to look fresh',
        'refuses 1200 fuzzed unsigned or forged deliveries with 400, storing nothing and never crashing',
      ],
    },
  },
  {
    name: 'Auth boundaries',
    claim: 'Signed-out visitors are sent to sign-in; customers get 403 on admin pages, actions and routes; the database, not the session, decides the role; nobody acts on another customer’s objects.',
    proofs: {
      'lib/auth/session.test.ts': [
        'sends signed-out visitors to sign-in, with a way back to where they were',
        'shows customers the 403 page for admin pages',
        'believes the database, not the session, about the role: a demoted admin loses access at once',
        'gives actions and route handlers 401 when signed out and 403 when not allowed',
        'answers route handlers wrapped in withAdmin with JSON 401/403, and runs them for admins',
      ],
      'test/security/ownership.test.ts': [
        'payment return page: another customer’s PaymentIntent, subscription, invoice or SetupIntent',
        'Checkout success page: another customer’s session',
        'saved-card page: another customer’s SetupIntent does not become anyone’s default card',
        'a signed-in user without a Stripe customer gets nothing for anyone’s ids',
      ],
      'test/security/actions.test.ts': [
        'refundAction: 1000 fuzzed inputs as its role, and as the other roles, never crash',
        'reconcileAction: 1000 fuzzed inputs as its role, and as the other roles, never crash',
      ],
    },
    e2e: ['e2e/access.spec.ts', 'e2e/access.spec.ts'],
  },
  {
    name: 'Idempotent refunds',
    claim: 'A double click or a retried request refunds once; what is refundable is checked server-side.',
    proofs: {
      'test/admin/refunds.test.ts': [
        'refunds part, then the rest, then refuses a third refund',
        'refunds once when the same attempt is submitted twice, in a row or at the same time',
        'refuses disputed and failed payments and amounts below one cent',
      ],
    },
  },
  {
    name: 'Untrusted input never crashes a server action',
    claim: 'Every server action answers 1,000 malformed inputs with a message, field errors, or a deliberate redirect/403.',
    proofs: {
      'test/security/actions.test.ts': [
        'signUpAction: 1000 fuzzed inputs as its role, and as the other roles, never crash',
        'switchPlanAction: 1000 fuzzed inputs as its role, and as the other roles, never crash',
        'startCheckoutAction: 1000 fuzzed inputs as its role, and as the other roles, never crash',
        'prepareOrderPayment: 1000 fuzzed inputs as its role, and as the other roles, never crash',
      ],
    },
  },
  {
    name: 'Abuse limits and hardening (issue 11)',
    claim:
      'Sign-in attempts are counted atomically before the password check, per (account, address) and per address, so neither concurrency nor a forged X-Forwarded-For earns extra guesses and no stranger can lock an account; sessions are revocable; sign-up is throttled and does not reveal accounts; the webhook refuses oversized, deeply nested and future-dated bodies with 4xx; crafted cursors and dates never reach the database; errors log an id and a summary, never SQL.',
    proofs: {
      'lib/auth/credentials.test.ts': [
        'checks no more than five of 100 concurrent guesses: the right password sent last does not get in',
        'does not let a stranger lock someone out: guesses from another address leave the owner’s address alone',
        'refuses an address that guesses across many accounts',
        'counts a whole IPv6 /64 as one address',
      ],
      'lib/auth/client-ip.test.ts': [
        'is the socket address when no proxy is trusted, whatever X-Forwarded-For says',
      ],
      'lib/auth/sessions.test.ts': [
        'ends only the session that signed out',
        'ends every session on "sign out everywhere"',
        'ends every session when the password or the role changes, however it was changed',
      ],
      'test/auth/sign-up.test.ts': [
        'never says an email is taken: the right password signs in, a wrong one fails like a sign-in',
        'refuses more than ten sign-ups from one address in 15 minutes',
      ],
      'test/billing/webhook-route.test.ts': [
        'accepts a 1 MB body and refuses a larger one with 413 before reading it whole',
        'refuses a signature dated in the future, and an event dated far ahead',
        'refuses a correctly signed 5,000-deep body with 400, not 500',
        'answers refusals generically, without the verifier’s or the parser’s own words',
      ],
      'test/security/order-action.test.ts': [
        'refuses one-time prices on products that are not add-ons, and creates nothing',
      ],
      'test/admin/money.test.ts': [
        'parses typed amounts into minor units and refuses what it cannot read exactly',
      ],
      'lib/stripe/browser.test.ts': [
        'resolves to no Stripe instead of throwing "window is not defined"',
      ],
      'lib/billing/page-params.test.ts': [
        'refuses cursors with dates JavaScript reads but the database does not, or with anything else in them',
        'turns crafted filters into messages, not queries',
      ],
      'lib/env.test.ts': [
        'requires APP_URL in production against real Stripe, so return URLs never come from request headers',
      ],
      'lib/log-error.test.ts': [
        'logs a failed query as an id and the database’s answer, without the SQL or its parameters',
      ],
    },
    e2e: ['e2e/security/no-server-errors.spec.ts', 'e2e/security/sessions.spec.ts', 'e2e/admin/refunds.spec.ts', 'e2e/auth.spec.ts'],
  },
  {
    name: 'Security headers',
    claim: 'A CSP naming exactly the Stripe origins in use (real or emulator), frame-ancestors none, nosniff, referrer policy, HSTS in production.',
    proofs: {
      'lib/security/headers.test.ts': [
        'allows only real Stripe origins when no emulator is configured',
        'allows the emulator origin instead of any stripe.com origin when configured',
        'sends HSTS in production only, and unsafe-eval in development only',
      ],
      'test/security/headers.test.ts': [
        'sets them on a page passed through',
        'sets them on the sign-in redirect of a protected page',
      ],
    },
    e2e: ['e2e/security/headers.spec.ts'],
  },
];

interface VitestJson {
  testResults: { name: string; assertionResults: { title: string; fullName: string; status: string; duration?: number }[] }[];
}

const { values: flags } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string', default: 'docs/reliability.md' } } });
const reportFile = flags.from ?? path.join('test-results', 'reliability', 'vitest.json');
const files = [...new Set(guarantees.flatMap((g) => Object.keys(g.proofs)))];
if (!flags.from) {
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  console.error(`Running ${files.length} test files…`);
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files, '--reporter=json', `--outputFile=${reportFile}`], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const results = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as VitestJson;

function outcome(proof: Proof): string {
  const file = results.testResults.find((r) => r.name.endsWith(proof.file));
  if (!file) return 'not run';
  const runs = file.assertionResults.filter((a) => a.title === proof.test);
  if (runs.length === 0) return '**not found**';
  const passed = runs.filter((a) => a.status === 'passed').length;
  const seconds = runs.reduce((sum, a) => sum + (a.duration ?? 0), 0) / 1000;
  const label = passed === runs.length ? '✅ passed' : `❌ ${runs.length - passed} of ${runs.length} failed`;
  return `${label}${runs.length > 1 ? ` (${runs.length} runs: PGlite + PostgreSQL)` : ''}, ${seconds.toFixed(1)} s`;
}

const bench = (() => {
  try {
    return JSON.parse(fs.readFileSync('docs/benchmarks.json', 'utf8'));
  } catch {
    return null;
  }
})();

const sections: string[] = [];
for (const guarantee of guarantees) {
  sections.push(`### ${guarantee.name}`, '', guarantee.claim, '');
  const proofs = Object.entries(guarantee.proofs).flatMap(([file, tests]) => tests.map((test): Proof => ({ file, test })));
  sections.push(table(['Proved by', 'Result'], proofs.map((p) => [`\`${p.file}\` › ${p.test}`, outcome(p)])));
  if (guarantee.e2e) sections.push('', `Also in the browser (run by \`npm run test:e2e\`, not by this report): ${guarantee.e2e.map((f) => `\`${f}\``).join(', ')}.`);
  sections.push('');
}

const chaos = readFigures<ChaosReport>('chaos');
const fuzzRows: (string | number)[][] = [];
for (const kind of ['pglite', 'postgres']) {
  const forged = readFigures<{ cases: number; statuses: Record<string, number>; crashes: number }>(`fuzz-webhook-${kind}`);
  if (forged) fuzzRows.push([`Webhook route, unsigned/forged bodies (${kind})`, forged.value.cases, JSON.stringify(forged.value.statuses), forged.value.crashes]);
  const signed = readFigures<{ cases: number; statuses: Record<string, number>; thrown: number }>(`fuzz-webhook-signed-${kind}`);
  if (signed) fuzzRows.push([`Webhook route, correctly signed malformed bodies (${kind}) — known gap`, signed.value.cases, JSON.stringify(signed.value.statuses), `${signed.value.thrown} (answered 500)`]);
}
const figureDir = path.join('test-results', 'figures');
for (const file of fs.existsSync(figureDir) ? fs.readdirSync(figureDir).filter((f) => f.startsWith('fuzz-action-')).sort() : []) {
  const name = file.replace(/^fuzz-action-|\.json$/g, '');
  const figures = readFigures<{ role: string; cases: number; outcomes: Record<string, number>; crashes: number }>(`fuzz-action-${name}`);
  if (figures) fuzzRows.push([`${name} (as ${figures.value.role})`, figures.value.cases, JSON.stringify(figures.value.outcomes), figures.value.crashes]);
}

/** The limits as configured by default, and the pages-answering-5xx count of the last e2e run. */
function abuseLimitsMarkdown(): string {
  const windowMinutes = throttleWindowMs / 60_000;
  const perMinute = (n: number) => (n / windowMinutes).toFixed(2);
  const rows: (string | number)[][] = [
    ['Sign-in guesses per account from one address', `${throttleLimits.signInPerAccountAndAddress} per ${windowMinutes} min (${perMinute(throttleLimits.signInPerAccountAndAddress)}/min)`],
    ['Sign-in guesses per address, all accounts together', `${throttleLimits.signInPerAddress} per ${windowMinutes} min (${perMinute(throttleLimits.signInPerAddress)}/min)`],
    ['Sign-in guesses per account from everywhere', 'the per-address figure times the addresses (IPv6: /64 networks) an attacker holds: no account-wide lock, so no stranger can lock anyone out'],
    ['Sign-ups per address (`SIGN_UPS_PER_ADDRESS`)', `${parseEnv({}).SIGN_UPS_PER_ADDRESS} per ${windowMinutes} min`],
    ['Largest webhook body accepted', `${count(maxWebhookBodyBytes)} bytes (1 MB); more answers 413 while the body streams in`],
  ];
  for (const role of ['visitor', 'customer', 'admin']) {
    const pages = readFigures<{ pages: number; serverErrors: number }>(`pages-5xx-${role}`);
    rows.push([
      `Pages answering 5xx, as ${{ visitor: 'a signed-out visitor', customer: 'a customer', admin: 'an admin' }[role]}`,
      pages ? `${pages.value.serverErrors} of ${pages.value.pages} (e2e/security/no-server-errors.spec.ts, ${pages.recordedAt.slice(0, 16).replace('T', ' ')} UTC)` : 'not recorded yet (run that spec)',
    ]);
  }
  return table(['Limit', 'Value'], rows);
}

const headline: string[] = [];
if (bench?.figures?.history) {
  for (const row of bench.figures.history.pages as { database: string; payments: number; mirrorP50: number; naiveP50: number; naiveStripeCalls: number; ratio: number }[]) {
    headline.push(`- History, ${count(row.payments)} payments, first page (${row.database}): mirror ${ms(row.mirrorP50)} with 0 Stripe calls vs live ${ms(row.naiveP50)} with ${row.naiveStripeCalls} calls — **${ratio(row.ratio)}**`);
  }
}
if (bench?.figures?.webhooks) {
  for (const row of bench.figures.webhooks.rows as { database: string; acceptedPerSecond: number; p50: number; p99: number; processedPerSecond: number }[]) {
    headline.push(`- Webhooks (${row.database}): ${row.acceptedPerSecond.toFixed(0)} deliveries/s accepted (p50 ${ms(row.p50)}, p99 ${ms(row.p99)}), ${row.processedPerSecond.toFixed(0)} events/s processed`);
  }
}
if (bench?.figures?.admin) {
  for (const row of bench.figures.admin.rows as { database: string; view: string; p50: number; p95: number }[]) {
    headline.push(`- Admin payments on ${count(bench.figures.admin.options.payments)} (${row.database}), ${row.view}: p50 ${ms(row.p50)}, p95 ${ms(row.p95)}`);
  }
}

const document = [
  '# Reliability',
  '',
  `Generated by \`npx tsx scripts/bench/reliability-report.ts\` on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC from ` +
    `${flags.from ? `\`${flags.from}\`` : `a run of the ${files.length} Vitest files below`}, test-results/figures/ (written by those tests) and docs/benchmarks.json. Do not edit by hand.`,
  '',
  '## Guarantees and the tests that prove them',
  '',
  ...sections,
  '## Chaos (bounded run inside the test suite)',
  '',
  chaos ? `Recorded ${chaos.recordedAt.slice(0, 16).replace('T', ' ')} UTC by \`test/chaos/chaos.test.ts\`:\n\n${chaosMarkdown(chaos.value)}` : 'No chaos figures recorded yet (run `npx vitest run test/chaos`).',
  '',
  bench?.figures?.chaos ? `The large run (\`npm run bench\`, ${bench.figures.chaos.report.customers} customers) is in docs/benchmarks.md §5.` : '',
  '',
  '## Abuse limits',
  '',
  abuseLimitsMarkdown(),
  '',
  '## Fuzzing',
  '',
  fuzzRows.length ? table(['Target', 'Cases', 'Outcomes', 'Crashes (thrown)'], fuzzRows) : 'No fuzz figures recorded yet.',
  '',
  '## Headline figures (docs/benchmarks.md)',
  '',
  headline.length ? headline.join('\n') : 'Run `npm run bench` first.',
  '',
].join('\n');

fs.mkdirSync(path.dirname(flags.out), { recursive: true });
fs.writeFileSync(flags.out, document);
console.error(`wrote ${flags.out}`);
