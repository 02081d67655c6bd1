// `stripe.elements()` and the elements it creates: the Payment Element, the Card Element and the
// split card elements each live in an iframe served from the emulator's origin (cross-origin to the
// page, as js.stripe.com's are) and are driven through postMessage; other element types mount as
// empty placeholders so pages that use them still load.
import type { CardFieldName, CardValues } from './card-fields.js';
import type { ValidationError } from './card.js';
import { injectElementStyles, type AppearanceVariables } from './element-styles.js';
import { FRAME_MESSAGE, FRAME_TITLES, isFrameMessage, type FrameCallName, type FrameCalls, type FrameOptions, type FrameState } from './frame-protocol.js';

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

/** The frame's height before it reports its own, so the page does not jump much. */
const INITIAL_HEIGHT = { payment: 246, inline: 46 };

let frameCount = 0;

export class EmulatedElement {
  private readonly handlers = new Map<string, Set<Handler>>();
  private container: HTMLElement | undefined;
  private host: HTMLElement | undefined;
  private destroyed = false;
  private frame: HTMLIFrameElement | undefined;
  private ready: Promise<void> | undefined;
  private markReady: (() => void) | undefined;
  private readonly replies = new Map<number, (result: unknown) => void>();
  private nextCall = 0;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

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
    node.classList.add('StripeElement');
    this.container = this.render();
    node.append(this.container);
    if (!this.frame) setTimeout(() => this.emit('ready', { elementType: this.elementType }), 0);
  }

  unmount(): void {
    window.removeEventListener('message', this.onMessage);
    for (const reply of this.replies.values()) reply(undefined);
    this.replies.clear();
    this.container?.remove();
    this.container = undefined;
    this.frame = undefined;
    this.ready = undefined;
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
    if (typeof options.disabled === 'boolean') void this.call('disabled', options.disabled);
  }

  focus(): void {
    void this.call('focus', undefined);
  }

  blur(): void {
    void this.call('blur', undefined);
  }

  clear(): void {
    void this.call('clear', undefined);
  }

  collapse(): void {}

  get mounted(): boolean {
    return Boolean(this.host);
  }

  /** Mounted, and holding card inputs (in its frame). */
  get holdsCard(): boolean {
    return Boolean(this.frame);
  }

  /** Asks the element's frame; answers `undefined` when it is not mounted. */
  call<K extends FrameCallName>(name: K, arg: FrameCalls[K]['arg']): Promise<FrameCalls[K]['result'] | undefined> {
    const { frame, ready } = this;
    if (!frame || !ready) return Promise.resolve(undefined);
    return ready.then(
      () =>
        new Promise((resolve) => {
          const id = ++this.nextCall;
          this.replies.set(id, resolve as (result: unknown) => void);
          frame.contentWindow?.postMessage({ type: FRAME_MESSAGE, call: name, id, arg }, this.group.origin);
        }),
    );
  }

  private receive(event: MessageEvent): void {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.group.origin || !isFrameMessage(event.data)) return;
    const message = event.data;
    if (message.event === 'reply') {
      this.replies.get(message.id)?.(message.result);
      this.replies.delete(message.id);
    } else if (message.event === 'resize') {
      this.frame.style.height = `${message.height}px`;
    } else {
      if (message.event === 'ready') this.markReady?.();
      else if (message.event === 'change') this.group.shareBin(this, message.state.bin);
      this.emit(message.event, this.eventPayload(message.event, message.state));
    }
  }

  private emit(event: string, payload: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(payload);
  }

  private render(): HTMLElement {
    const root = document.createElement('div');
    root.className = '__PrivateStripeElement emu-frame-host';
    root.dataset.elementType = this.elementType;
    const fieldNames = CARD_TYPES[this.elementType];
    if (!fieldNames) return root;

    const hidePostalCode = this.options.hidePostalCode === true || readsNever(this.options, 'postalCode');
    const payment = this.elementType === 'payment';
    const frameOptions: FrameOptions = {
      elementType: this.elementType,
      layout: payment ? 'payment' : 'inline',
      naming: payment ? 'payment' : 'card',
      fields: hidePostalCode ? fieldNames.filter((f) => f !== 'postal') : fieldNames,
      idPrefix: `emu-${this.elementType}`,
      placeholders: this.options.placeholder ? { number: String(this.options.placeholder) } : undefined,
      disabled: this.options.disabled === true,
      appearance: this.group.options.appearance?.variables,
      mandate: payment ? this.mandateText() : undefined,
      parentOrigin: window.location.origin,
    };
    const frame = document.createElement('iframe');
    frame.name = `__privateStripeFrame${5000 + ++frameCount}`;
    frame.title = FRAME_TITLES[this.elementType]!;
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('allowtransparency', 'true');
    frame.setAttribute('scrolling', 'no');
    frame.setAttribute('allow', 'payment *; publickey-credentials-get *');
    frame.style.height = `${payment ? INITIAL_HEIGHT.payment : INITIAL_HEIGHT.inline}px`;
    frame.src = `${this.group.origin}/_emulator/elements/${encodeURIComponent(this.elementType)}#${encodeURIComponent(JSON.stringify(frameOptions))}`;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    window.addEventListener('message', this.onMessage);
    this.frame = frame;
    root.append(frame);
    return root;
  }

  private eventPayload(event: string, state: FrameState): unknown {
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
  private readonly elements = new Map<string, EmulatedElement>();
  /** `elements.submit()` succeeded since the last change: deferred-intent confirmation needs it. */
  submitted = false;

  constructor(
    public options: ElementsOptions,
    /** The emulator's origin, where the element frames are served from. */
    readonly origin: string,
  ) {}

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
    const error = await this.validateCard();
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
  cardElements(): EmulatedElement[] {
    return [...this.elements.values()].filter((e) => e.mounted && e.holdsCard);
  }

  /** The split elements share the card's brand: the CVC frame learns it from the number frame. */
  shareBin(from: EmulatedElement, bin: string): void {
    for (const element of this.cardElements()) if (element !== from) void element.call('bin', bin);
  }

  /** Validates every card frame as on submit (each shows its messages); the first error. */
  async validateCard(): Promise<ValidationError | undefined> {
    const all = this.cardElements();
    if (all.length === 0) {
      return { type: 'validation_error', code: 'incomplete', message: 'Please mount a Payment Element or card Element before confirming.' } as ValidationError;
    }
    let first: ValidationError | undefined;
    for (const element of all) {
      const error = await element.call('validate', undefined);
      first ??= error;
    }
    return first;
  }

  async cardValues(): Promise<CardValues> {
    const values = await Promise.all(this.cardElements().map((e) => e.call('values', undefined)));
    return Object.assign({}, ...values) as CardValues;
  }
}
