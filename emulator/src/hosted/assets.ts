// The browser scripts the emulator serves, bundled from `browser/` with esbuild on first use and
// kept in memory: the Stripe.js stand-in and the small scripts behind the hosted pages.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRIES = {
  'stripe.js': './browser/stripe.ts',
  'element-frame.js': './browser/element-frame.ts',
  'checkout.js': './browser/pages/checkout-page.ts',
  'portal.js': './browser/pages/portal-page.ts',
  'invoice.js': './browser/pages/invoice-page.ts',
} as const;

export type AssetName = keyof typeof ENTRIES;

const bundles = new Map<AssetName, Promise<string>>();

export function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(ENTRIES, name);
}

export function bundle(name: AssetName): Promise<string> {
  let pending = bundles.get(name);
  if (!pending) {
    pending = build({
      entryPoints: [fileURLToPath(new URL(ENTRIES[name], import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      charset: 'utf8',
      minify: true,
      logLevel: 'silent',
    }).then((out) => out.outputFiles[0]!.text);
    pending.catch(() => bundles.delete(name));
    bundles.set(name, pending);
  }
  return pending;
}

/** The Stripe.js stand-in, told which origin its API lives at (the one the page loaded it from). */
export async function stripeJs(origin: string): Promise<string> {
  return `var __EMULATOR_ORIGIN__ = ${JSON.stringify(origin)};\n${await bundle('stripe.js')}`;
}
