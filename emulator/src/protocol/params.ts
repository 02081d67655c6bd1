// Reading request parameters at the boundary: typed getters that raise Stripe's own validation
// errors (parameter_missing, parameter_unknown, invalid integer/boolean/enum) with full param paths.
import type { ParamObject, ParamValue } from './qs.js';
import { invalidRequest, parameterMissing, parameterUnknown } from './errors.js';

/** Parameters every endpoint accepts. */
const UNIVERSAL = new Set(['expand']);

export class Params {
  constructor(
    readonly raw: ParamObject,
    private readonly prefix = '',
  ) {}

  path(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  /** Rejects any parameter not in `allowed`, like Stripe's `parameter_unknown`. */
  only(...allowed: string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (!allowed.includes(key) && !(this.prefix === '' && UNIVERSAL.has(key))) {
        throw parameterUnknown(this.path(key));
      }
    }
    return this;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** The caller sent `key=` (an empty value): clear the field. */
  isCleared(key: string): boolean {
    return this.raw[key] === '';
  }

  str(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${this.path(key)}`, this.path(key));
    return value;
  }

  requiredStr(key: string): string {
    const value = this.str(key);
    if (value === undefined || value === '') throw parameterMissing(this.path(key));
    return value;
  }

  /** A string, or null when cleared with an empty value. */
  nullableStr(key: string): string | null | undefined {
    const value = this.str(key);
    return value === '' ? null : value;
  }

  /** Each of `keys` sent sets the same-named field: a string, or null when cleared with an empty value. */
  assignNullableStrs<K extends string>(object: { [P in K]: string | null }, ...keys: K[]): void {
    for (const key of keys) {
      const value = this.nullableStr(key);
      if (value !== undefined) object[key] = value;
    }
  }

  /** Each of `keys` sent sets the same-named boolean field. */
  assignBools<K extends string>(object: { [P in K]?: boolean }, ...keys: K[]): void {
    for (const key of keys) {
      const value = this.bool(key);
      if (value !== undefined) object[key] = value;
    }
  }

  int(key: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const value = this.str(key);
    if (value === undefined || value === '') return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${value}`, this.path(key), 'parameter_invalid_integer');
    }
    const n = Number(value);
    if (bounds.min !== undefined && n < bounds.min) {
      throw invalidRequest(`This value must be greater than or equal to ${bounds.min}.`, this.path(key), 'parameter_invalid_integer');
    }
    if (bounds.max !== undefined && n > bounds.max) {
      throw invalidRequest(`This value must be less than or equal to ${bounds.max}.`, this.path(key), 'parameter_invalid_integer');
    }
    return n;
  }

  requiredInt(key: string, bounds: { min?: number; max?: number } = {}): number {
    const value = this.int(key, bounds);
    if (value === undefined) throw parameterMissing(this.path(key));
    return value;
  }

  bool(key: string): boolean | undefined {
    const value = this.str(key);
    if (value === undefined || value === '') return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidRequest(`Invalid boolean: ${value}`, this.path(key));
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.str(key);
    if (value === undefined || value === '') return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw invalidRequest(`Invalid ${this.path(key)}: must be one of ${values.join(', ')}`, this.path(key));
    }
    return value as T;
  }

  obj(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest(`Invalid object: ${this.path(key)}`, this.path(key));
    }
    return new Params(value, this.path(key));
  }

  /** An array of objects (`items[0][price]=…`). */
  objList(key: string): Params[] {
    const value = this.raw[key];
    if (value === undefined || value === '') return [];
    const array = asArray(value, this.path(key));
    return array.map((item, i) => {
      const path = `${this.path(key)}[${i}]`;
      if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest(`Invalid object: ${path}`, path);
      return new Params(item, path);
    });
  }

  /** An array of strings (`expand[]=a`, `types[0]=b`). */
  strList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === '') return [];
    return asArray(value, this.path(key)).map((item, i) => {
      if (typeof item !== 'string') throw invalidRequest(`Invalid string: ${this.path(key)}[${i}]`, this.path(key));
      return item;
    });
  }

  /** Applies Stripe's metadata semantics to `current`: merge keys, '' unsets one, `metadata=` clears all. */
  metadata(current: Record<string, string> = {}): Record<string, string> {
    const value = this.raw.metadata;
    if (value === undefined) return current;
    if (value === '') return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid object: metadata', this.path('metadata'));
    const next = { ...current };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalidRequest(`Invalid string: metadata[${k}]`, this.path(`metadata`));
      if (k.length > 40) throw invalidRequest(`Metadata keys can have a maximum length of 40 characters.`, this.path(`metadata[${k}]`));
      if (v.length > 500) throw invalidRequest(`Metadata values can have a maximum length of 500 characters.`, this.path(`metadata[${k}]`));
      if (v === '') delete next[k];
      else next[k] = v;
    }
    if (Object.keys(next).length > 50) throw invalidRequest('Metadata can have a maximum of 50 keys.', 'metadata');
    return next;
  }

  expand(): string[] {
    return this.strList('expand') ?? [];
  }
}

function asArray(value: ParamValue, path: string): ParamValue[] {
  if (Array.isArray(value)) return value;
  // A lone `a[x]=` object is not an array; a scalar is accepted as a one-element array.
  if (typeof value === 'string') return [value];
  throw invalidRequest(`Invalid array: ${path}`, path);
}
