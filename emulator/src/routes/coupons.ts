// /v1/coupons and /v1/promotion_codes: create, list, retrieve, update, delete (coupons only).
import type Stripe from 'stripe';
import { withoutParams, type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createCoupon, createPromotionCode, deleteCoupon, updateCoupon, updatePromotionCode } from '../state/discounts.js';

export function registerCouponRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/coupons', { run: ({ emu, params }) => createCoupon(emu, params) });
  api.add('GET', '/v1/coupons', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS);
      return paginate(emu.store.list('coupon'), params, url, 'coupon');
    },
  });
  api.add('GET', '/v1/coupons/:id', retrieveRoute('coupon'));
  api.add('POST', '/v1/coupons/:id', { run: ({ emu, params, path }) => updateCoupon(emu, mustGet(emu, 'coupon', path.id), params) });
  api.add('DELETE', '/v1/coupons/:id', withoutParams(({ emu, path }) => deleteCoupon(emu, mustGet(emu, 'coupon', path.id))));

  api.add('POST', '/v1/promotion_codes', { run: ({ emu, params }) => createPromotionCode(emu, params) });
  api.add('GET', '/v1/promotion_codes', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'code', 'coupon', 'customer', 'customer_account');
      const active = params.bool('active');
      const code = params.str('code');
      const coupon = params.str('coupon');
      const customer = params.str('customer');
      const matches = (p: Stripe.PromotionCode) =>
        (active === undefined || p.active === active) &&
        (code === undefined || p.code.toLowerCase() === code.toLowerCase()) &&
        (coupon === undefined || p.promotion.coupon === coupon) &&
        (customer === undefined || p.customer === customer);
      return paginate(emu.store.list('promotion_code').filter(matches), params, url, 'promotion_code');
    },
  });
  api.add('GET', '/v1/promotion_codes/:id', retrieveRoute('promotion_code'));
  api.add('POST', '/v1/promotion_codes/:id', { run: ({ emu, params, path }) => updatePromotionCode(emu, mustGet(emu, 'promotion_code', path.id), params) });
}
