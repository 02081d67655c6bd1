// GET /v1/<resource>/search: Stripe's query language over the stored objects, paged with `page`.
import type { ApiRouter } from './api.js';
import type { Kind } from '../store.js';
import { invalidRequest } from '../protocol/errors.js';
import { matchesSearch, parseSearchQuery } from '../protocol/search.js';

const SEARCHABLE: Record<string, Kind> = {
  customers: 'customer',
  products: 'product',
  prices: 'price',
  payment_intents: 'payment_intent',
  charges: 'charge',
  subscriptions: 'subscription',
  invoices: 'invoice',
};

/** Registered before the resources, so `/v1/customers/search` is not read as a customer id. */
export function registerSearchRoutes(api: ApiRouter): void {
  for (const [resource, kind] of Object.entries(SEARCHABLE)) {
    api.add('GET', `/v1/${resource}/search`, {
      run: ({ emu, params, url }) => {
        params.only('query', 'limit', 'page');
        const query = parseSearchQuery(params.requiredStr('query'));
        const limit = params.int('limit', { min: 1, max: 100 }) ?? 10;
        const offset = pageOffset(params.str('page'));
        const matches = emu.store.list(kind).filter((object) => matchesSearch(object, query));
        const data = matches.slice(offset, offset + limit);
        const more = offset + limit < matches.length;
        return {
          object: 'search_result',
          data,
          has_more: more,
          next_page: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
          url,
        };
      },
    });
  }
}

function pageOffset(page: string | undefined): number {
  if (!page) return 0;
  const offset = Number(Buffer.from(page, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw invalidRequest('Invalid page token.', 'page');
  return offset;
}
