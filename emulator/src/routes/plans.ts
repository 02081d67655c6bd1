// /v1/plans: the legacy Plans API over recurring prices — create, list, retrieve, update, delete.
import { withoutParams, type ApiRouter } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { planFromPrice } from '../state/prices.js';
import { createPlan, deletePlan, planPrice, updatePlan } from '../state/plans.js';

export function registerPlanRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/plans', { run: ({ emu, params }) => createPlan(emu, params) });
  api.add('GET', '/v1/plans', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'product');
      const active = params.bool('active');
      const product = params.str('product');
      const plans = emu.store
        .list('price')
        .filter((p) => p.type === 'recurring' && (active === undefined || p.active === active) && (product === undefined || p.product === product))
        .map(planFromPrice);
      return paginate(plans, params, url, 'plan');
    },
  });
  api.add('GET', '/v1/plans/:id', withoutParams(({ emu, path }) => planFromPrice(planPrice(emu, path.id))));
  api.add('POST', '/v1/plans/:id', { run: ({ emu, params, path }) => updatePlan(emu, planPrice(emu, path.id), params) });
  api.add('DELETE', '/v1/plans/:id', withoutParams(({ emu, path }) => deletePlan(emu, planPrice(emu, path.id))));
}
