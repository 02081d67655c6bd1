// The card inputs behind every card form the emulator shows (Payment Element, Card Element, the
// split card elements and the hosted pages): labelled inputs, live formatting, Stripe's inline
// validation, and the values a PaymentMethod is created from.
import {
  cardBrand,
  cvcLength,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  isWholeNumber,
  maxNumberLength,
  parseExpiry,
  validateCvc,
  validateExpiry,
  validateNumber,
  validatePostalCode,
  type CardBrand,
  type ValidationError,
} from './card.js';

export type CardFieldName = 'number' | 'expiry' | 'cvc' | 'postal';

/**
 * Whose names the inputs carry: the Payment Element's (`number`, `expiry`, `cvc`, `country`,
 * `postalCode`), the Card Element's and split elements' (`cardnumber`, `exp-date`, `cvc`, `postal`),
 * or hosted Checkout's (`cardNumber`, `cardExpiry`, `cardCvc`, `billingCountry`, `billingPostalCode`).
 */
export type CardNaming = 'payment' | 'card' | 'checkout';

interface InputNames {
  name: string;
  /** Fixed ids where Stripe's surface has them (one form per document); otherwise derived from idPrefix. */
  id?: string;
  autocomplete: string;
}

/** Stripe's own names, ids and autocomplete tokens for each surface. Keep in step with e2e/support/stripe-surfaces.ts. */
export const INPUT_NAMES: Record<CardNaming, Record<CardFieldName | 'country', InputNames>> = {
  payment: {
    number: { name: 'number', id: 'Field-numberInput', autocomplete: 'billing cc-number' },
    expiry: { name: 'expiry', id: 'Field-expiryInput', autocomplete: 'billing cc-exp' },
    cvc: { name: 'cvc', id: 'Field-cvcInput', autocomplete: 'billing cc-csc' },
    country: { name: 'country', id: 'Field-countryInput', autocomplete: 'billing country' },
    postal: { name: 'postalCode', id: 'Field-postalCodeInput', autocomplete: 'billing postal-code' },
  },
  card: {
    number: { name: 'cardnumber', autocomplete: 'cc-number' },
    expiry: { name: 'exp-date', autocomplete: 'cc-exp' },
    cvc: { name: 'cvc', autocomplete: 'cc-csc' },
    country: { name: 'country', autocomplete: 'country' },
    postal: { name: 'postal', autocomplete: 'postal-code' },
  },
  checkout: {
    number: { name: 'cardNumber', id: 'cardNumber', autocomplete: 'cc-number' },
    expiry: { name: 'cardExpiry', id: 'cardExpiry', autocomplete: 'cc-exp' },
    cvc: { name: 'cardCvc', id: 'cardCvc', autocomplete: 'cc-csc' },
    country: { name: 'billingCountry', id: 'billingCountry', autocomplete: 'billing country' },
    postal: { name: 'billingPostalCode', id: 'billingPostalCode', autocomplete: 'billing postal-code' },
  },
};

/** 'payment': labelled, stacked, errors under each field. 'inline': one row, labels for screen readers only. */
export type CardLayout = 'payment' | 'inline';

export interface CardFieldsOptions {
  layout: CardLayout;
  naming: CardNaming;
  fields: CardFieldName[];
  /** Prefix for element ids, unique per mounted element. */
  idPrefix: string;
  /** Shared by the split card elements of one group, so the CVC knows the card's brand. */
  shared: SharedCard;
  placeholders?: Partial<Record<CardFieldName, string>>;
  disabled?: boolean;
}

export interface SharedCard {
  numberDigits: string;
}

export interface CardFieldsState {
  complete: boolean;
  empty: boolean;
  error: ValidationError | undefined;
  brand: CardBrand;
  postalCode: string;
  country: string;
}

export interface CardValues {
  number?: string;
  exp_month?: number;
  exp_year?: number;
  cvc?: string;
  postal_code?: string;
  country?: string;
}

export type CardFieldsEvent = 'change' | 'focus' | 'blur';

const COUNTRIES: [string, string][] = [
  ['US', 'United States'],
  ['GB', 'United Kingdom'],
  ['CA', 'Canada'],
  ['AU', 'Australia'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['IE', 'Ireland'],
  ['NL', 'Netherlands'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
];

const LABELS: Record<CardFieldName, { visible: string; aria: string; placeholder: string }> = {
  number: { visible: 'Card number', aria: 'Card number', placeholder: '1234 1234 1234 1234' },
  expiry: { visible: 'Expiration date', aria: 'Expiration date (MM / YY)', placeholder: 'MM / YY' },
  cvc: { visible: 'Security code', aria: 'Security code', placeholder: 'CVC' },
  postal: { visible: 'ZIP code', aria: 'ZIP code', placeholder: '12345' },
};

/** The Card Element's own placeholders (its fields have no visible labels). */
const INLINE_PLACEHOLDERS: Record<CardFieldName, string> = { number: 'Card number', expiry: 'MM / YY', cvc: 'CVC', postal: 'ZIP' };

interface Field {
  name: CardFieldName;
  input: HTMLInputElement;
  errorNode: HTMLElement | undefined;
  labelNode: HTMLElement | undefined;
  /** Blurred once or submitted: "incomplete" counts as an error from now on. */
  touched: boolean;
  error: ValidationError | undefined;
}

export class CardFields {
  readonly root: HTMLElement;
  private readonly fields: Field[] = [];
  private countrySelect: HTMLSelectElement | undefined;

  constructor(
    private readonly options: CardFieldsOptions,
    private readonly emit: (event: CardFieldsEvent, state: CardFieldsState) => void,
  ) {
    this.root = document.createElement('div');
    this.root.className = `emu-card emu-card--${options.layout}`;
    if (options.layout === 'payment') this.renderStacked();
    else this.renderInline();
    this.setDisabled(Boolean(options.disabled));
  }

  state(): CardFieldsState {
    const first = this.fields.find((f) => f.error);
    return {
      complete: this.fields.every((f) => this.isComplete(f)),
      empty: this.fields.every((f) => f.input.value === ''),
      error: first?.error,
      brand: cardBrand(this.options.shared.numberDigits),
      postalCode: this.field('postal')?.input.value.trim() ?? '',
      country: this.country(),
    };
  }

  /** Validates every field as on submit, shows the messages and returns the first error. */
  validate(): ValidationError | undefined {
    for (const field of this.fields) {
      field.touched = true;
      this.check(field);
    }
    const first = this.fields.find((f) => f.error);
    if (first) first.input.focus();
    this.emit('change', this.state());
    return first?.error;
  }

  values(): CardValues {
    const values: CardValues = {};
    const number = this.field('number');
    if (number) values.number = digitsOnly(number.input.value);
    const expiry = this.field('expiry');
    const parsed = expiry && parseExpiry(expiry.input.value);
    if (parsed) {
      values.exp_month = parsed.month;
      values.exp_year = parsed.year;
    }
    const cvc = this.field('cvc');
    if (cvc) values.cvc = cvc.input.value;
    const postal = this.field('postal');
    if (postal && postal.input.value.trim()) values.postal_code = postal.input.value.trim();
    if (this.countrySelect) values.country = this.countrySelect.value;
    return values;
  }

  focus(): void {
    this.fields[0]?.input.focus();
  }

  blur(): void {
    const active = document.activeElement;
    if (active instanceof HTMLElement && this.root.contains(active)) active.blur();
  }

  clear(): void {
    for (const field of this.fields) {
      field.input.value = '';
      field.touched = false;
      field.error = undefined;
      this.showError(field);
    }
    if (this.field('number')) this.options.shared.numberDigits = '';
    this.emit('change', this.state());
  }

  setDisabled(disabled: boolean): void {
    for (const field of this.fields) field.input.disabled = disabled;
    if (this.countrySelect) this.countrySelect.disabled = disabled;
  }

  private field(name: CardFieldName): Field | undefined {
    return this.fields.find((f) => f.name === name);
  }

  private country(): string {
    return this.countrySelect?.value ?? 'US';
  }

  private isComplete(field: Field): boolean {
    const value = field.input.value;
    switch (field.name) {
      case 'number':
        return isWholeNumber(digitsOnly(value), field.touched) && !validateNumber(digitsOnly(value), true);
      case 'expiry':
        return !validateExpiry(value, true);
      case 'cvc':
        return !validateCvc(value, this.options.shared.numberDigits, true);
      case 'postal':
        return !validatePostalCode(value, this.country(), true);
    }
  }

  private check(field: Field): void {
    const value = field.input.value;
    const final = field.touched;
    switch (field.name) {
      case 'number':
        field.error = validateNumber(digitsOnly(value), final);
        break;
      case 'expiry':
        field.error = validateExpiry(value, final);
        break;
      case 'cvc':
        field.error = validateCvc(value, this.options.shared.numberDigits, final);
        break;
      case 'postal':
        field.error = validatePostalCode(value, this.country(), final);
        break;
    }
    if (value === '' && !final) field.error = undefined;
    this.showError(field);
  }

  private showError(field: Field): void {
    field.input.setAttribute('aria-invalid', field.error ? 'true' : 'false');
    field.input.closest('.emu-field')?.classList.toggle('emu-field--invalid', Boolean(field.error));
    if (field.errorNode) field.errorNode.textContent = field.error?.message ?? '';
  }

  private createInput(name: CardFieldName): HTMLInputElement {
    const input = document.createElement('input');
    const label = LABELS[name];
    const named = INPUT_NAMES[this.options.naming][name];
    input.id = named.id ?? `${this.options.idPrefix}-${name}`;
    input.name = named.name;
    input.className = 'emu-input';
    input.type = 'text';
    input.setAttribute('autocomplete', named.autocomplete);
    input.inputMode = name === 'postal' ? 'text' : 'numeric';
    input.spellcheck = false;
    input.placeholder = this.options.placeholders?.[name] ?? label.placeholder;
    input.addEventListener('input', (e) => this.onInput(name, input, e as InputEvent));
    input.addEventListener('focus', () => this.emit('focus', this.state()));
    input.addEventListener('blur', () => {
      const field = this.field(name)!;
      if (input.value !== '') field.touched = true;
      this.check(field);
      this.emit('blur', this.state());
      this.emit('change', this.state());
    });
    return input;
  }

  private onInput(name: CardFieldName, input: HTMLInputElement, event: InputEvent): void {
    const deleting = event.inputType?.startsWith('delete') ?? false;
    if (name === 'number') {
      const digits = digitsOnly(input.value).slice(0, maxNumberLength(digitsOnly(input.value)));
      this.options.shared.numberDigits = digits;
      input.value = formatCardNumber(digits);
      this.root.dataset.brand = cardBrand(digits);
      if (isWholeNumber(digits, false) && !validateNumber(digits, false)) this.advanceFrom(name);
    } else if (name === 'expiry') {
      input.value = formatExpiry(input.value, deleting);
      if (!validateExpiry(input.value, true)) this.advanceFrom(name);
    } else if (name === 'cvc') {
      input.value = digitsOnly(input.value).slice(0, 4);
      if (input.value.length === cvcLength(this.options.shared.numberDigits)) this.advanceFrom(name);
    } else {
      input.value = input.value.toUpperCase().slice(0, 10);
    }
    this.check(this.field(name)!);
    this.emit('change', this.state());
  }

  /** Like Stripe's inputs, move on once a field is complete and valid. */
  private advanceFrom(name: CardFieldName): void {
    const index = this.fields.findIndex((f) => f.name === name);
    const next = this.fields[index + 1];
    if (next && next.input.value === '') next.input.focus();
  }

  private renderStacked(): void {
    const { fields, idPrefix } = this.options;
    const row = (...cells: HTMLElement[]) => {
      const div = document.createElement('div');
      div.className = 'emu-row';
      div.append(...cells);
      this.root.append(div);
    };
    const cell = (name: CardFieldName) => {
      const wrapper = document.createElement('div');
      wrapper.className = 'emu-field';
      const input = this.createInput(name);
      const label = document.createElement('label');
      label.className = 'emu-label';
      label.htmlFor = input.id;
      label.textContent = LABELS[name].visible;
      if (name === 'expiry') {
        const hint = document.createElement('span');
        hint.className = 'emu-sr-only';
        hint.textContent = ' (MM / YY)';
        label.append(hint);
      }
      const errorNode = document.createElement('p');
      errorNode.className = 'emu-error';
      errorNode.id = `${input.id}-error`;
      errorNode.setAttribute('aria-live', 'polite');
      input.setAttribute('aria-describedby', errorNode.id);
      wrapper.append(label, input);
      if (name === 'number') {
        const brand = document.createElement('span');
        brand.className = 'emu-brand';
        brand.setAttribute('aria-hidden', 'true');
        wrapper.append(brand);
      }
      wrapper.append(errorNode);
      this.fields.push({ name, input, errorNode, labelNode: label, touched: false, error: undefined });
      return wrapper;
    };
    if (fields.includes('number')) row(cell('number'));
    const middle = (['expiry', 'cvc'] as const).filter((f) => fields.includes(f)).map(cell);
    if (middle.length) row(...middle);
    if (fields.includes('postal')) {
      const countryCell = document.createElement('div');
      countryCell.className = 'emu-field';
      const select = document.createElement('select');
      const named = INPUT_NAMES[this.options.naming].country;
      select.id = named.id ?? `${idPrefix}-country`;
      select.name = named.name;
      select.className = 'emu-input emu-select';
      select.setAttribute('autocomplete', named.autocomplete);
      for (const [code, name] of COUNTRIES) select.add(new Option(name, code));
      const label = document.createElement('label');
      label.className = 'emu-label';
      label.htmlFor = select.id;
      label.textContent = this.options.naming === 'checkout' ? 'Country or region' : 'Country';
      countryCell.append(label, select);
      this.countrySelect = select;
      const postalCell = cell('postal');
      select.addEventListener('change', () => {
        const postal = this.field('postal')!;
        const isUs = select.value === 'US';
        postal.labelNode!.textContent = isUs ? 'ZIP code' : 'Postal code';
        postal.input.setAttribute('aria-label', isUs ? 'ZIP code' : 'Postal code');
        postal.input.placeholder = isUs ? '12345' : '';
        this.check(postal);
        this.emit('change', this.state());
      });
      row(countryCell, postalCell);
    }
  }

  private renderInline(): void {
    const wrapper = document.createElement('div');
    wrapper.className = 'emu-field emu-inline';
    if (this.options.fields.includes('number')) {
      const brand = document.createElement('span');
      brand.className = 'emu-brand';
      brand.setAttribute('aria-hidden', 'true');
      wrapper.append(brand);
    }
    for (const name of this.options.fields) {
      const input = this.createInput(name);
      input.classList.add(`emu-inline-${name}`);
      input.setAttribute('aria-label', LABELS[name].aria);
      input.placeholder = this.options.placeholders?.[name] ?? INLINE_PLACEHOLDERS[name];
      wrapper.append(input);
      this.fields.push({ name, input, errorNode: undefined, labelNode: undefined, touched: false, error: undefined });
    }
    this.root.append(wrapper);
  }
}
