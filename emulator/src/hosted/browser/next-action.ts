// 3-D Secure inside the merchant's page, as Stripe.js does it: a modal frame (named
// `__privateStripeFrame…`, like Stripe.js's) holding the challenge in `iframe#challengeFrame`; it
// tells us through postMessage when the customer completed or failed it.
import { CHALLENGE_MESSAGE, CHALLENGE_SIZE_MESSAGE } from './challenge-message.js';
import { injectElementStyles } from './element-styles.js';

export interface NextAction {
  type: string;
  redirect_to_url?: { url: string | null; return_url?: string | null };
  use_stripe_sdk?: unknown;
}

export function challengeUrl(origin: string, intentId: string, action: NextAction | null | undefined): string {
  const url = new URL(action?.redirect_to_url?.url ?? `${origin}/_emulator/3ds/${encodeURIComponent(intentId)}`);
  url.searchParams.set('embedded', '1');
  return url.toString();
}

/** Resolves once the challenge page reports an outcome. */
export function runChallengeModal(url: string, intentId: string): Promise<void> {
  injectElementStyles();
  return new Promise((resolve) => {
    const previousFocus = document.activeElement as HTMLElement | null;
    const backdrop = document.createElement('div');
    backdrop.className = 'emu-3ds-backdrop';
    const dialog = document.createElement('div');
    dialog.className = 'emu-3ds-dialog';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', '3D Secure authentication');
    const frame = document.createElement('iframe');
    frame.title = '3D Secure authentication';
    frame.name = `__privateStripeFrame${Date.now() % 10_000}`;
    frame.src = url;
    dialog.append(frame);
    backdrop.append(dialog);
    document.body.append(backdrop);
    frame.focus();

    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; intent?: string; height?: unknown } | null;
      if (event.source !== frame.contentWindow || data?.intent !== intentId) return;
      if (data.type === CHALLENGE_SIZE_MESSAGE && typeof data.height === 'number') {
        frame.style.height = `${data.height}px`;
        return;
      }
      if (data.type !== CHALLENGE_MESSAGE) return;
      window.removeEventListener('message', onMessage);
      backdrop.remove();
      previousFocus?.focus?.();
      resolve();
    };
    window.addEventListener('message', onMessage);
  });
}
