// Stripe's error object and status codes.
import type Stripe from 'stripe';

export type ErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error';

export interface ErrorBody {
  type: ErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  setup_intent?: Stripe.SetupIntent;
  payment_method?: Stripe.PaymentMethod;
  advice_code?: string;
}

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

function docUrl(code: string | undefined): string | undefined {
  return code ? `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` : undefined;
}

export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  return new StripeError(400, { type: 'invalid_request_error', message, param, code, doc_url: docUrl(code) });
}

export function parameterMissing(param: string): StripeError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function parameterUnknown(param: string): StripeError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

/** "No such customer: 'cus_x'", as Stripe words it per resource. */
export function resourceMissing(label: string, id: string, param = 'id'): StripeError {
  return new StripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${label}: '${id}'`,
    param,
    doc_url: docUrl('resource_missing'),
  });
}

export function unexpectedState(message: string, param?: string): StripeError {
  return invalidRequest(message, param, 'payment_intent_unexpected_state');
}

export function cardError(body: Omit<ErrorBody, 'type'>): StripeError {
  return new StripeError(402, { type: 'card_error', doc_url: docUrl(body.code), ...body });
}

export function unauthenticated(message: string): StripeError {
  return new StripeError(401, { type: 'invalid_request_error', message });
}

export function idempotencyError(message: string): StripeError {
  return new StripeError(400, { type: 'idempotency_error', message });
}

export function rateLimited(): StripeError {
  return new StripeError(429, {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    doc_url: docUrl('rate_limit'),
  });
}

export function apiError(message = 'An unknown error occurred while processing your request.'): StripeError {
  return new StripeError(500, { type: 'api_error', message });
}

export function notFound(method: string, path: string): StripeError {
  return new StripeError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}
