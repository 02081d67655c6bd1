// How the Stripe.js stand-in in the merchant's page talks to an element's iframe (served from the
// emulator's origin, cross-origin to the page, as js.stripe.com's frames are): postMessage calls
// with replies, and the frame's events.
import type { CardFieldName, CardFieldsState, CardLayout, CardNaming, CardValues } from './card-fields.js';
import type { ValidationError } from './card.js';
import type { AppearanceVariables } from './element-styles.js';

export const FRAME_MESSAGE = 'stripe-emulator:element';

/** Stripe's titles for its element frames; specs find the frames by them. */
export const FRAME_TITLES: Record<string, string> = {
  payment: 'Secure payment input frame',
  card: 'Secure card payment input frame',
  cardNumber: 'Secure card number input frame',
  cardExpiry: 'Secure expiration date input frame',
  cardCvc: 'Secure CVC input frame',
};

/** What the frame needs to render, passed in its URL's fragment (as Stripe.js does). */
export interface FrameOptions {
  elementType: string;
  layout: CardLayout;
  naming: CardNaming;
  fields: CardFieldName[];
  idPrefix: string;
  placeholders?: Partial<Record<CardFieldName, string>>;
  disabled: boolean;
  appearance?: AppearanceVariables;
  /** Shown under the Payment Element when the card is saved for later. */
  mandate?: string;
  /** The merchant page's origin: the only one the frame answers. */
  parentOrigin: string;
}

export interface FrameCalls {
  validate: { arg: undefined; result: ValidationError | undefined };
  /**
   * The card details, for the stand-in to create the PaymentMethod from. Real Stripe.js keeps them
   * inside its own frames; the emulator hands them to its script in the page (documented).
   */
  values: { arg: undefined; result: CardValues };
  focus: { arg: undefined; result: void };
  blur: { arg: undefined; result: void };
  clear: { arg: undefined; result: void };
  disabled: { arg: boolean; result: void };
  /** The card number's first digits, typed in a sibling split element: the CVC's length follows the brand. */
  bin: { arg: string; result: void };
}

export type FrameCallName = keyof FrameCalls;

export interface CallMessage {
  type: typeof FRAME_MESSAGE;
  call: FrameCallName;
  id: number;
  arg?: unknown;
}

/** The frame's state in its events: no card data, only the first digits that name the brand. */
export type FrameState = CardFieldsState & { bin: string };

export type FrameEvent =
  | { event: 'ready' | 'change' | 'focus' | 'blur'; state: FrameState }
  | { event: 'resize'; height: number }
  | { event: 'reply'; id: number; result: unknown };

export type FrameMessage = FrameEvent & { type: typeof FRAME_MESSAGE };

export function isFrameMessage(data: unknown): data is FrameMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === FRAME_MESSAGE;
}
