// `stripe.elements()` and the elements it creates: the Payment Element, the Card Element and the
// split card elements render the emulator's card inputs; other element types mount as empty
// placeholders so pages that use them still load.
import { CardFields, type CardFieldName, type CardFieldsState, type SharedCard } from './card-fields.js';
import type { ValidationError } from './card.js';
import { applyAppearance, injectElementStyles, type AppearanceVariables } from './element-styles.js';

export interface ElementsOptions {
  clientSecret?: string;
  mode?: 'payment' | 'setup' | 'subscription';
  amount?: number;
  currency?: string;
  setupFutureUsage?: 'off_session' | 'on_session' | null;
  captureMethod?: string;
  paymentMethodTypes?: string[];
  appearance?: { theme?: string; variables?: AppearanceVariables };
  [key: string]: unknown;
}

type Handler = (payload: unknown) => void;

const CARD_TYPES: Record<string, CardFieldName[]> = {
  payment: ['number', 'expiry', 'cvc', 'postal'],
  card: ['number', 'expiry', 'cvc', 'postal'],
  cardNumber: ['number'],
  cardExpiry: ['expiry'],
  cardCvc: ['cvc'],
};

let elementCount = 0;

export class EmulatedElement {
  private readonly handlers = new Map<string, Set<Handler>>();
  private container: HTMLElement | undefined;
  private host: HTMLElement | undefined;
  private destroyed = false;
  /** The card inputs, for the card-bearing element types. */
  fields: CardFields | undefined;

  constructor(
    readonly group: ElementsGroup,
    readonly elementType: string,
    private options: Record<string, unknown>,
  ) {}

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new Error('This Element has already been destroyed. Please create a new one.');
    const node = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
    if (!node) throw new Error(`The selector you specified (${String(target)}) applies to no DOM elements that are currently on the page.`);
    injectElementStyles();
    this.host = node;
    this.container = this.render();
    node.append(this.container);
    setTimeout(() => this.emit('ready', { elementType: this.elementType }), 0);
  }

  unmount(): void {
    this.container?.remove();
    this.container = undefined;
    this.host = undefined;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
    this.handlers.clear();
    this.group.forget(this);
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (payload) => {
      this.off(event, wrapped);
      handler(payload);
    };
    return this.on(event, wrapped);
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  update(options: Record<string, unknown>): void {
    this.options = { ...this.options, ...options };
    if (typeof options.disabled === 'boolean') this.fields?.setDisabled(options.disabled);
  }

  focus(): void {
    this.fields?.focus();
  }

  blur(): void {
    this.fields?.blur();
  }

  clear(): void {
    this.fields?.clear();
  }

  collapse(): void {}

  get mounted(): boolean {
    return Boolean(this.host);
  }

  private emit(event: string, payload: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(payload);
  }

  private render(): HTMLElement {
    const root = document.createElement('div');
    root.className = 'emu-element StripeElement';
    root.dataset.elementType = this.elementType;
    applyAppearance(root, this.group.options.appearance?.variables);
    const fieldNames = CARD_TYPES[this.elementType];
    if (!fieldNames) return root;

    const hidePostalCode = this.options.hidePostalCode === true || readsNever(this.options, 'postalCode');
    const names = hidePostalCode ? fieldNames.filter((f) => f !== 'postal') : fieldNames;
    this.fields = new CardFields(
      {
        layout: this.elementType === 'payment' ? 'payment' : 'inline',
        fields: names,
        idPrefix: `emu-${this.elementType}-${++elementCount}`,
        shared: this.group.sharedCard,
        placeholders: this.options.placeholder ? { number: String(this.options.placeholder) } : undefined,
        disabled: this.options.disabled === true,
      },
      (event, state) => this.emit(event, this.eventPayload(event, state)),
    );
    if (this.elementType === 'payment') {
      root.append(this.fields.root);
      const mandate = this.mandateText();
      if (mandate) {
        const p = document.createElement('p');
        p.className = 'emu-mandate';
        p.textContent = mandate;
        root.append(p);
      }
    } else root.append(this.fields.root);
    return root;
  }

  private eventPayload(event: string, state: CardFieldsState): unknown {
    if (event !== 'change') return { elementType: this.elementType };
    const base = { elementType: this.elementType, complete: state.complete, empty: state.empty, error: state.error };
    if (this.elementType === 'payment') return { ...base, collapsed: false, value: { type: 'card' } };
    if (this.elementType === 'card') return { ...base, brand: state.brand, value: { postalCode: state.postalCode } };
    if (this.elementType === 'cardNumber') return { ...base, brand: state.brand };
    return base;
  }

  /** Stripe shows this under the card form when the card will be saved for later charges. */
  private mandateText(): string | undefined {
    const { mode, setupFutureUsage } = this.group.options;
    const saving = mode === 'setup' || mode === 'subscription' || Boolean(setupFutureUsage) || this.group.options.clientSecret?.startsWith('seti_');
    if (!saving) return undefined;
    const business = (this.options.business as { name?: string } | undefined)?.name ?? 'the business';
    return `By providing your card information, you allow ${business} to charge your card for future payments in accordance with their terms.`;
  }
}

function readsNever(options: Record<string, unknown>, field: string): boolean {
  const fields = options.fields as { billingDetails?: unknown } | undefined;
  const billing = fields?.billingDetails;
  if (billing === 'never') return true;
  const address = (billing as { address?: unknown } | undefined)?.address;
  return address === 'never' || (address as Record<string, unknown> | undefined)?.[field] === 'never';
}

export class ElementsGroup {
  readonly sharedCard: SharedCard = { numberDigits: '' };
  private readonly elements = new Map<string, EmulatedElement>();
  /** `elements.submit()` succeeded since the last change: deferred-intent confirmation needs it. */
  submitted = false;

  constructor(public options: ElementsOptions) {}

  create(type: string, options: Record<string, unknown> = {}): EmulatedElement {
    if (this.elements.has(type)) throw new Error(`Can only create one Element of type ${type}.`);
    const element = new EmulatedElement(this, type, options);
    element.on('change', () => (this.submitted = false));
    this.elements.set(type, element);
    return element;
  }

  /** A type name, or a react-stripe-js component (which carries its type as `__elementType`). */
  getElement(type: string | { __elementType?: string }): EmulatedElement | null {
    const name = typeof type === 'string' ? type : type?.__elementType;
    return (name && this.elements.get(name)) || null;
  }

  update(options: Partial<ElementsOptions>): void {
    this.options = { ...this.options, ...options };
  }

  async fetchUpdates(): Promise<Record<string, never>> {
    return {};
  }

  async submit(): Promise<{ error?: ValidationError; selectedPaymentMethod?: string }> {
    const error = this.validateCard();
    if (error) return { error };
    this.submitted = true;
    return { selectedPaymentMethod: 'card' };
  }

  forget(element: EmulatedElement): void {
    if (this.elements.get(element.elementType) === element) this.elements.delete(element.elementType);
  }

  get deferred(): boolean {
    return !this.options.clientSecret && Boolean(this.options.mode);
  }

  /** The mounted elements that hold card inputs, in the order a customer fills them. */
  cardFields(): CardFields[] {
    return [...this.elements.values()].filter((e) => e.mounted && e.fields).map((e) => e.fields!);
  }

  validateCard(): ValidationError | undefined {
    const all = this.cardFields();
    if (all.length === 0) {
      return { type: 'validation_error', code: 'incomplete', message: 'Please mount a Payment Element or card Element before confirming.' } as ValidationError;
    }
    let first: ValidationError | undefined;
    for (const fields of all) first ??= fields.validate();
    return first;
  }

  cardValues() {
    return Object.assign({}, ...this.cardFields().map((f) => f.values())) as ReturnType<CardFields['values']>;
  }
}
