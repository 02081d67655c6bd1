// HTML for the hosted pages: a template tag that escapes every interpolated value unless it is
// already markup, and the page shell every hosted page shares.
import { readFileSync } from 'node:fs';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so it cannot close the tag. */
export function jsonScript(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return new SafeHtml(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

const STYLES = readFileSync(new URL('./pages.css', import.meta.url), 'utf8');

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Scripts after the content, e.g. the Stripe.js stand-in and a page script. */
  scripts?: string[];
  /** Test mode banner, as on Stripe's own hosted pages. */
  testMode?: boolean;
}

export function page({ title, body, scripts = [], testMode = true }: PageOptions): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${new SafeHtml(STYLES)}</style>
</head>
<body>
${testMode ? html`<div class="test-banner" role="note">Test mode</div>` : ''}
${body}
${scripts.map((src) => html`<script src="${src}"></script>`)}
</body>
</html>`}`;
}
