// The emulator's stand-in for Stripe.js v3 (`window.Stripe`): the same methods and result shapes,
// talking to the emulator's API with the publishable key and client secrets.
import { StripeApi, type FormValue, type StripeErrorBody } from './api.js';
import type { CardValues } from './card-fields.js';
import { EmulatedElement, ElementsGroup, type ElementsOptions } from './elements.js';
import { challengeUrl, runChallengeModal, type NextAction } from './next-action.js';
import { returnUrlWithOutcome } from './return-url.js';

interface Intent {
  id: string;
  object: 'payment_intent' | 'setup_intent';
  status: string;
  client_secret: string | null;
  next_action: NextAction | null;
  last_payment_error?: StripeErrorBody | null;
  last_setup_error?: StripeErrorBody | null;
}

interface PaymentMethod {
  id: string;
}

type Kind = 'payment' | 'setup';

type IntentResult =
  | { paymentIntent: Intent; error?: undefined }
  | { setupIntent: Intent; error?: undefined }
  | { error: StripeErrorBody };

interface BillingDetails {
  name?: string;
  email?: string;
  phone?: string;
  address?: Record<string, string | undefined>;
}

interface ConfirmOptions {
  elements?: ElementsGroup;
  clientSecret?: string;
  confirmParams?: {
    return_url?: string;
    payment_method?: string;
    payment_method_data?: { billing_details?: BillingDetails };
    [key: string]: unknown;
  };
  redirect?: 'always' | 'if_required';
}

type CardPaymentMethodData = string | { card?: EmulatedElement; billing_details?: BillingDetails } | undefined;

const SUCCESS: Record<Kind, string[]> = {
  payment: ['succeeded', 'processing', 'requires_capture'],
  setup: ['succeeded', 'processing'],
};

/** What Stripe.js tells the customer when 3-D Secure fails, whatever the API's wording. */
const AUTHENTICATION_FAILED_MESSAGE = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';
const AUTHENTICATION_FAILURES = ['payment_intent_authentication_failure', 'setup_intent_authentication_failure'];

declare const __EMULATOR_ORIGIN__: string | undefined;

function scriptOrigin(): string {
  if (typeof __EMULATOR_ORIGIN__ === 'string') return __EMULATOR_ORIGIN__;
  const script = document.currentScript as HTMLScriptElement | null;
  return script?.src ? new URL(script.src).origin : window.location.origin;
}

const API_ORIGIN = scriptOrigin();

function intentPath(kind: Kind, clientSecret: string): string {
  const id = clientSecret.split('_secret_')[0]!;
  return `/v1/${kind === 'payment' ? 'payment_intents' : 'setup_intents'}/${encodeURIComponent(id)}`;
}

function kindOf(clientSecret: string): Kind {
  return clientSecret.startsWith('seti_') ? 'setup' : 'payment';
}

function integrationError(message: string): StripeErrorBody {
  return { type: 'invalid_request_error', message };
}

function result(kind: Kind, intent: Intent): IntentResult {
  return kind === 'payment' ? { paymentIntent: intent } : { setupIntent: intent };
}

function pendingForever<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

class StripeInstance {
  private readonly api: StripeApi;

  constructor(key: string, options: { stripeAccount?: string } = {}) {
    if (typeof key !== 'string' || !/^pk_(test|live)_/.test(key)) {
      throw new Error('Invalid value for Stripe(): apiKey should be a publishable key (pk_test_…).');
    }
    this.api = new StripeApi(API_ORIGIN, key, options.stripeAccount);
  }

  registerAppInfo(): void {}

  _registerWrapper(): void {}

  elements(options: ElementsOptions = {}): ElementsGroup {
    return new ElementsGroup(options, API_ORIGIN);
  }

  confirmPayment(options: ConfirmOptions): Promise<IntentResult> {
    return this.confirmWithElements('payment', options);
  }

  confirmSetup(options: ConfirmOptions): Promise<IntentResult> {
    return this.confirmWithElements('setup', options);
  }

  retrievePaymentIntent(clientSecret: string): Promise<IntentResult> {
    return this.retrieve('payment', clientSecret);
  }

  retrieveSetupIntent(clientSecret: string): Promise<IntentResult> {
    return this.retrieve('setup', clientSecret);
  }

  async handleNextAction({ clientSecret }: { clientSecret: string }): Promise<IntentResult> {
    const kind = kindOf(clientSecret);
    const retrieved = await this.api.get<Intent>(intentPath(kind, clientSecret), { client_secret: clientSecret });
    if (retrieved.error) return { error: retrieved.error };
    return this.settle(kind, retrieved.body, { redirect: 'if_required' });
  }

  handleCardAction(clientSecret: string): Promise<IntentResult> {
    return this.handleNextAction({ clientSecret });
  }

  confirmCardPayment(clientSecret: string, data: { payment_method?: CardPaymentMethodData; return_url?: string } = {}, options: { handleActions?: boolean } = {}): Promise<IntentResult> {
    return this.confirmCard('payment', clientSecret, data, options);
  }

  confirmCardSetup(clientSecret: string, data: { payment_method?: CardPaymentMethodData; return_url?: string } = {}, options: { handleActions?: boolean } = {}): Promise<IntentResult> {
    return this.confirmCard('setup', clientSecret, data, options);
  }

  /** `({ elements, params })`, `({ type: 'card', card, billing_details })` or the legacy `('card', element, data)`. */
  async createPaymentMethod(
    arg: string | { elements?: ElementsGroup; params?: { billing_details?: BillingDetails }; type?: string; card?: EmulatedElement; billing_details?: BillingDetails },
    legacyElement?: EmulatedElement,
    legacyData?: { billing_details?: BillingDetails },
  ): Promise<{ paymentMethod: PaymentMethod } | { error: StripeErrorBody }> {
    if (typeof arg === 'string') return this.paymentMethodFrom(legacyElement?.group, legacyData?.billing_details);
    if (arg.elements) {
      if (arg.elements.deferred && !arg.elements.submitted) return { error: submitFirst('createPaymentMethod') };
      return this.paymentMethodFrom(arg.elements, arg.params?.billing_details);
    }
    return this.paymentMethodFrom(arg.card?.group, arg.billing_details);
  }

  async createToken(element: EmulatedElement, data: { name?: string; address_zip?: string } = {}): Promise<{ token: unknown } | { error: StripeErrorBody }> {
    if (!element?.group) return { error: integrationError('Please provide an Element to create a token from.') };
    const invalid = await element.group.validateCard();
    if (invalid) return { error: invalid };
    const card = await element.group.cardValues();
    const response = await this.api.post<unknown>('/v1/tokens', {
      card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc, address_zip: data.address_zip ?? card.postal_code, name: data.name },
    });
    return response.error ? { error: response.error } : { token: response.body };
  }

  /** The Payment Request Button never has a wallet to offer here. */
  paymentRequest(): { canMakePayment: () => Promise<null>; on: () => void; show: () => void; update: () => void } {
    return { canMakePayment: async () => null, on: () => {}, show: () => {}, update: () => {} };
  }

  private async retrieve(kind: Kind, clientSecret: string): Promise<IntentResult> {
    const response = await this.api.get<Intent>(intentPath(kind, clientSecret), { client_secret: clientSecret });
    return response.error ? { error: response.error } : result(kind, response.body);
  }

  private async confirmWithElements(kind: Kind, { elements, clientSecret, confirmParams = {}, redirect = 'always' }: ConfirmOptions): Promise<IntentResult> {
    const method = kind === 'payment' ? 'confirmPayment' : 'confirmSetup';
    // Without elements, Stripe.js confirms with a saved PaymentMethod given in confirmParams.
    if (!elements && !confirmParams.payment_method) {
      return { error: integrationError(`Invalid value for ${method}(): elements should be an Elements group, or confirmParams.payment_method a PaymentMethod id.`) };
    }
    const secret = clientSecret ?? elements?.options.clientSecret;
    if (!secret) return { error: integrationError(`Invalid value for ${method}(): clientSecret should be a client secret of the form \${id}_secret_\${secret}.`) };
    if (redirect === 'always' && !confirmParams.return_url) {
      return { error: integrationError(`${method}(): the \`confirmParams.return_url\` argument is required unless passing \`redirect: 'if_required'\``) };
    }
    const { return_url, payment_method_data, ...rest } = confirmParams;
    let paymentMethod = confirmParams.payment_method;
    if (!paymentMethod && elements) {
      if (elements.deferred && !elements.submitted) return { error: submitFirst(method) };
      const created = await this.paymentMethodFrom(elements, payment_method_data?.billing_details);
      if ('error' in created) return { error: created.error };
      paymentMethod = created.paymentMethod.id;
    }
    return this.confirmIntent(kind, secret, { ...rest, payment_method: paymentMethod, return_url }, { redirect, returnUrl: return_url });
  }

  private async confirmCard(kind: Kind, clientSecret: string, data: { payment_method?: CardPaymentMethodData; return_url?: string }, options: { handleActions?: boolean }): Promise<IntentResult> {
    let paymentMethod: string | undefined;
    if (typeof data.payment_method === 'string') paymentMethod = data.payment_method;
    else if (data.payment_method?.card) {
      const created = await this.paymentMethodFrom(data.payment_method.card.group, data.payment_method.billing_details);
      if ('error' in created) return { error: created.error };
      paymentMethod = created.paymentMethod.id;
    }
    const handleActions = options.handleActions !== false;
    return this.confirmIntent(kind, clientSecret, { payment_method: paymentMethod, return_url: data.return_url }, { redirect: 'if_required', handleActions });
  }

  private async confirmIntent(
    kind: Kind,
    clientSecret: string,
    params: Record<string, unknown>,
    flow: { redirect: 'always' | 'if_required'; returnUrl?: string; handleActions?: boolean },
  ): Promise<IntentResult> {
    const body: Record<string, unknown> = { client_secret: clientSecret };
    for (const [key, value] of Object.entries(params)) if (value !== undefined) body[key] = value;
    const confirmed = await this.api.post<Intent>(`${intentPath(kind, clientSecret)}/confirm`, body as Record<string, FormValue>);
    if (confirmed.error) return { error: confirmed.error };
    return this.settle(kind, confirmed.body, flow);
  }

  /** After a confirmation: run 3-D Secure if asked for, then answer or redirect as Stripe.js does. */
  private async settle(kind: Kind, intent: Intent, flow: { redirect: 'always' | 'if_required'; returnUrl?: string; handleActions?: boolean }): Promise<IntentResult> {
    const secret = intent.client_secret ?? '';
    if (intent.status === 'requires_action' && flow.handleActions !== false) {
      await runChallengeModal(challengeUrl(API_ORIGIN, intent.id, intent.next_action), intent.id);
      const after = await this.api.get<Intent>(intentPath(kind, secret), { client_secret: secret });
      if (after.error) return { error: after.error };
      intent = after.body;
    }
    const lastError = kind === 'payment' ? intent.last_payment_error : intent.last_setup_error;
    if (intent.status === 'requires_payment_method' && lastError) {
      const message = AUTHENTICATION_FAILURES.includes(lastError.code ?? '') ? AUTHENTICATION_FAILED_MESSAGE : lastError.message;
      return { error: { ...lastError, message, [kind === 'payment' ? 'payment_intent' : 'setup_intent']: intent } };
    }
    if (flow.redirect === 'always' && flow.returnUrl && SUCCESS[kind].includes(intent.status)) {
      window.location.assign(returnUrlWithOutcome(new URL(flow.returnUrl, window.location.href), intent));
      return pendingForever();
    }
    return result(kind, intent);
  }

  private async paymentMethodFrom(group: ElementsGroup | undefined, billing: BillingDetails | undefined): Promise<{ paymentMethod: PaymentMethod } | { error: StripeErrorBody }> {
    if (!group) return { error: integrationError('Please provide an Element to create a PaymentMethod from.') };
    const invalid = await group.validateCard();
    if (invalid) return { error: invalid };
    const card: CardValues = await group.cardValues();
    const address = { ...(billing?.address ?? {}) };
    if (card.postal_code && !address.postal_code) address.postal_code = card.postal_code;
    if (card.country && !address.country) address.country = card.country;
    const response = await this.api.post<PaymentMethod>('/v1/payment_methods', {
      type: 'card',
      card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc },
      billing_details: { ...billing, address: Object.keys(address).length ? address : undefined },
    });
    return response.error ? { error: response.error } : { paymentMethod: response.body };
  }
}

function submitFirst(method: string): StripeErrorBody {
  return integrationError(`elements.submit() must be called before stripe.${method}(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.`);
}

function Stripe(key: string, options?: { stripeAccount?: string }): StripeInstance {
  return new StripeInstance(key, options);
}
Stripe.version = 'endive';

(window as unknown as { Stripe: typeof Stripe }).Stripe = Stripe;
