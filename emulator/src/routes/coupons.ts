// /v1/coupons and /v1/promotion_codes: create, list, retrieve, update, delete (coupons only).
import { withoutParams, type ApiRouter, listRoute, matchBool, matchStr, retrieveRoute } from './api.js';
import { mustGet } from '../state/lookup.js';
import { createCoupon, createPromotionCode, deleteCoupon, updateCoupon, updatePromotionCode } from '../state/discounts.js';

export function registerCouponRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/coupons', { run: ({ emu, params }) => createCoupon(emu, params) });
  api.add('GET', '/v1/coupons', listRoute('coupon'));
  api.add('GET', '/v1/coupons/:id', retrieveRoute('coupon'));
  api.add('POST', '/v1/coupons/:id', { run: ({ emu, params, path }) => updateCoupon(emu, mustGet(emu, 'coupon', path.id), params) });
  api.add('DELETE', '/v1/coupons/:id', withoutParams(({ emu, path }) => deleteCoupon(emu, mustGet(emu, 'coupon', path.id))));

  api.add('POST', '/v1/promotion_codes', { run: ({ emu, params }) => createPromotionCode(emu, params) });
  api.add('GET', '/v1/promotion_codes', listRoute('promotion_code', {
    filters: {
      active: matchBool((p) => p.active),
      code: (params, name) => {
        const code = params.str(name)?.toLowerCase();
        return code === undefined ? undefined : (p) => p.code.toLowerCase() === code;
      },
      coupon: matchStr((p) => p.promotion.coupon),
      customer: matchStr((p) => p.customer),
    },
    accepts: ['customer_account'],
  }));
  api.add('GET', '/v1/promotion_codes/:id', retrieveRoute('promotion_code'));
  api.add('POST', '/v1/promotion_codes/:id', { run: ({ emu, params, path }) => updatePromotionCode(emu, mustGet(emu, 'promotion_code', path.id), params) });
}
