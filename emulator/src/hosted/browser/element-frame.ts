// Runs inside an element's iframe (`/_emulator/elements/:type`, the emulator's origin): renders the
// card inputs, answers the stand-in's calls and reports its events and height to the page.
import { CardFields, type CardFieldsEvent, type CardFieldsState } from './card-fields.js';
import { applyAppearance, injectElementStyles } from './element-styles.js';
import { FRAME_MESSAGE, type CallMessage, type FrameCalls, type FrameEvent, type FrameOptions } from './frame-protocol.js';

const options = JSON.parse(decodeURIComponent(window.location.hash.slice(1))) as FrameOptions;
const shared = { numberDigits: '' };

function post(message: FrameEvent): void {
  window.parent.postMessage({ type: FRAME_MESSAGE, ...message }, options.parentOrigin);
}

function withBin(state: CardFieldsState) {
  return { ...state, bin: shared.numberDigits.slice(0, 6) };
}

injectElementStyles();
document.documentElement.style.background = 'transparent';
document.body.className = 'emu-frame-body';
const root = document.createElement('div');
root.className = 'emu-element StripeElement';
root.dataset.elementType = options.elementType;
applyAppearance(root, options.appearance);
const fields = new CardFields(
  { layout: options.layout, naming: options.naming, fields: options.fields, idPrefix: options.idPrefix, shared, placeholders: options.placeholders, disabled: options.disabled },
  (event: CardFieldsEvent, state) => post({ event, state: withBin(state) }),
);
root.append(fields.root);
if (options.mandate) {
  const p = document.createElement('p');
  p.className = 'emu-mandate';
  p.textContent = options.mandate;
  root.append(p);
}
document.body.append(root);

const handlers: { [K in keyof FrameCalls]: (arg: FrameCalls[K]['arg']) => FrameCalls[K]['result'] } = {
  validate: () => fields.validate(),
  values: () => fields.values(),
  focus: () => fields.focus(),
  blur: () => fields.blur(),
  clear: () => fields.clear(),
  disabled: (disabled) => fields.setDisabled(disabled),
  bin: (bin) => {
    shared.numberDigits = bin;
  },
};

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || event.origin !== options.parentOrigin) return;
  const data = event.data as CallMessage | null;
  if (data?.type !== FRAME_MESSAGE || !Object.hasOwn(handlers, data.call)) return;
  const result = (handlers[data.call] as (arg: unknown) => unknown)(data.arg);
  post({ event: 'reply', id: data.id, result });
});

new ResizeObserver(() => post({ event: 'resize', height: document.body.offsetHeight })).observe(root);
post({ event: 'ready', state: withBin(fields.state()) });
