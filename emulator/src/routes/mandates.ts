// /v1/mandates: retrieve the mandate a bank debit was made under.
import { retrieveRoute, type ApiRouter } from './api.js';

export function registerMandateRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/mandates/:id', retrieveRoute('mandate'));
}
