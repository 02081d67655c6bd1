// How the browser talks to the emulator's API: as Stripe.js does, with the publishable key and the
// object's client secret, form-encoded, answering `{ body }` or Stripe's `{ error }`.

export interface StripeErrorBody {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
}

export type ApiResult<T> = { body: T; error?: undefined } | { body?: undefined; error: StripeErrorBody };

export type FormValue = string | number | boolean | null | undefined | FormValue[] | { [key: string]: FormValue };

/** qs-style encoding, as Stripe's clients send it: `a[b]=1&a[c][0]=x`. */
export function encodeForm(params: Record<string, FormValue>): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: FormValue) => {
    if (value === undefined) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(`${prefix}[${i}]`, v));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(`${prefix}[${k}]`, v);
    } else parts.push(`${encodeURIComponent(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value === null ? '' : String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return parts.join('&');
}

export class StripeApi {
  constructor(
    readonly origin: string,
    private readonly key: string,
    private readonly stripeAccount: string | undefined,
  ) {}

  get<T>(path: string, params: Record<string, FormValue> = {}): Promise<ApiResult<T>> {
    const query = encodeForm(params);
    return this.send<T>('GET', query ? `${path}?${query}` : path);
  }

  post<T>(path: string, params: Record<string, FormValue>): Promise<ApiResult<T>> {
    return this.send<T>('POST', path, encodeForm(params));
  }

  private async send<T>(method: string, path: string, body?: string): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (this.stripeAccount) headers['Stripe-Account'] = this.stripeAccount;
    let response: Response;
    try {
      response = await fetch(`${this.origin}${path}`, { method, headers, body });
    } catch {
      return { error: { type: 'api_connection_error', message: 'We could not reach Stripe. Check your connection and try again.' } };
    }
    const json = (await response.json().catch(() => ({}))) as { error?: StripeErrorBody };
    if (!response.ok) return { error: json.error ?? { type: 'api_error', message: `Unexpected status ${response.status}.` } };
    return { body: json as T };
  }
}
