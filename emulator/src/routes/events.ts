// /v1/events: the stored event log, for reconciliation.
import { type ApiRouter, listRoute, matchBool, retrieveRoute } from './api.js';

export function registerEventRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/events', listRoute('event', {
    filters: {
      type: (params, name) => {
        const pattern = params.str(name);
        return pattern === undefined ? undefined : (e) => matchesPattern(pattern, e.type);
      },
      types: (params, name) => {
        const patterns = params.strList(name);
        return patterns === undefined ? undefined : (e) => patterns.some((pattern) => matchesPattern(pattern, e.type));
      },
      delivery_success: matchBool((e) => e.pending_webhooks === 0),
    },
  }));
  api.add('GET', '/v1/events/:id', retrieveRoute('event'));
}

/** `invoice.*` style wildcards, as Stripe accepts in `type`. */
function matchesPattern(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}
