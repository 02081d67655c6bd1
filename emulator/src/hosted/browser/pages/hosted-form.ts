// Shared by the hosted pages' scripts: the page's JSON config, a busy button, the error region.

export function readConfig<T>(id: string): T {
  return JSON.parse(document.getElementById(id)!.textContent!) as T;
}

export function setBusy(button: HTMLButtonElement, busy: boolean): void {
  button.disabled = busy;
  button.setAttribute('aria-busy', String(busy));
}

export function showError(region: HTMLElement, message: string | undefined): void {
  region.textContent = message ?? '';
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** The emulator's `window.Stripe`, loaded by the page before this script. */
export interface StripeFactory {
  (key: string): StripeLike;
}

export interface ElementsLike {
  create(type: 'payment', options?: Record<string, unknown>): { mount(target: string): void; on(event: string, handler: (e: unknown) => void): void };
  submit(): Promise<{ error?: { message?: string } }>;
}

export interface StripeLike {
  elements(options: Record<string, unknown>): ElementsLike;
  createPaymentMethod(options: { elements: ElementsLike; params?: Record<string, unknown> }): Promise<{ paymentMethod?: { id: string }; error?: { message?: string } }>;
  handleNextAction(options: { clientSecret: string }): Promise<{ error?: { message?: string } }>;
  confirmSetup(options: { elements: ElementsLike; clientSecret: string; redirect: 'if_required' }): Promise<{ error?: { message?: string } }>;
  confirmPayment(options: { elements: ElementsLike; redirect: 'if_required' }): Promise<{ error?: { message?: string } }>;
}

export function stripeFactory(): StripeFactory {
  return (window as unknown as { Stripe: StripeFactory }).Stripe;
}

/** Every hosted page pays through this key: Stripe's own pages use the merchant's. */
export const HOSTED_PUBLISHABLE_KEY = 'pk_test_emulator_hosted_pages';
