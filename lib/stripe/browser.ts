'use client';
// Stripe.js for client components. With real Stripe, `loadStripe` injects js.stripe.com itself. When a
// script URL is configured (the emulator's Stripe.js stand-in), that script is loaded first, and
// `loadStripe` then resolves to the `window.Stripe` it defined without loading anything else.
import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';

export interface StripeBrowserConfig {
  publishableKey: string;
  scriptUrl?: string;
}

const loaded = new Map<string, Promise<Stripe | null>>();

export function loadStripeJs({ publishableKey, scriptUrl }: StripeBrowserConfig): Promise<Stripe | null> {
  // Client components also render on the server, where there is no page to load a script into:
  // Elements renders without Stripe there (as `loadStripe` itself resolves to null on the server),
  // and the browser's own render loads it.
  if (typeof window === 'undefined') return Promise.resolve(null);
  const key = `${scriptUrl ?? 'stripe'}|${publishableKey}`;
  let stripe = loaded.get(key);
  if (!stripe) {
    stripe = (scriptUrl ? injectScript(scriptUrl) : Promise.resolve()).then(() => loadStripe(publishableKey));
    stripe.catch(() => loaded.delete(key)); // let a later render retry after a network failure
    loaded.set(key, stripe);
  }
  return stripe;
}

function injectScript(src: string): Promise<void> {
  if ('Stripe' in window) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load Stripe.js from ${src}`));
    document.head.appendChild(script);
  });
}
