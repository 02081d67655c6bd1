// /v1/plans: the legacy Plans API over recurring prices — create, list, retrieve, update, delete.
import { withoutParams, type ApiRouter, listRoute, matchBool, matchStr } from './api.js';
import { planFromPrice } from '../state/prices.js';
import { createPlan, deletePlan, planPrice, updatePlan } from '../state/plans.js';

export function registerPlanRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/plans', { run: ({ emu, params }) => createPlan(emu, params) });
  api.add('GET', '/v1/plans', listRoute('price', {
    where: (p) => p.type === 'recurring',
    filters: { active: matchBool((p) => p.active), product: matchStr((p) => p.product) },
    view: (_emu, price) => planFromPrice(price),
    label: 'plan',
  }));
  api.add('GET', '/v1/plans/:id', withoutParams(({ emu, path }) => planFromPrice(planPrice(emu, path.id))));
  api.add('POST', '/v1/plans/:id', { run: ({ emu, params, path }) => updatePlan(emu, planPrice(emu, path.id), params) });
  api.add('DELETE', '/v1/plans/:id', withoutParams(({ emu, path }) => deletePlan(emu, planPrice(emu, path.id))));
}
