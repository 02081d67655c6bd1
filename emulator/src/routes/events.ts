// /v1/events: the stored event log, for reconciliation.
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';

export function registerEventRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/events', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'type', 'types', 'delivery_success');
      const type = params.str('type');
      const types = params.strList('types');
      const deliverySuccess = params.bool('delivery_success');
      const matches = (t: string) =>
        (type === undefined || matchesPattern(type, t)) && (!types || types.some((pattern) => matchesPattern(pattern, t)));
      const items = emu.store
        .list('event')
        .filter((e) => matches(e.type) && (deliverySuccess === undefined || (e.pending_webhooks === 0) === deliverySuccess));
      return paginate(items, params, url, 'event');
    },
  });
  api.add('GET', '/v1/events/:id', retrieveRoute('event'));
}

/** `invoice.*` style wildcards, as Stripe accepts in `type`. */
function matchesPattern(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}
