// Card tokens (POST /v1/tokens), the legacy Stripe.js `createToken` path: usable once as `card[token]`.
import type Stripe from 'stripe';
import { type ApiRouter, retrieveRoute } from './api.js';
import { parameterMissing } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';
import { brandOf, cardByKey, cardKeyForNumber } from '../cards.js';
import { validCard } from '../state/payment-methods.js';

export function registerTokenRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/tokens', {
    publishable: true,
    run: ({ emu, params }) => {
      params.only('card', 'customer');
      const card = params.obj('card');
      if (!card) throw parameterMissing('card');
      card.only('number', 'exp_month', 'exp_year', 'cvc', 'name', 'address_line1', 'address_line2', 'address_city', 'address_state', 'address_zip', 'address_country', 'currency', 'networks');
      const details = validCard(emu, card);
      const key = cardKeyForNumber(details.number);
      const testCard = cardByKey(key ?? 'visa');
      const brand = key ? testCard.brand : brandOf(details.number);
      const id = newId('tok');
      const field = (name: string) => card.str(name) ?? null;
      const token = emu.store.insert({
        id,
        object: 'token',
        card: {
          id: newId('card'),
          object: 'card',
          address_city: field('address_city'),
          address_country: field('address_country'),
          address_line1: field('address_line1'),
          address_line1_check: card.has('address_line1') ? 'pass' : null,
          address_line2: field('address_line2'),
          address_state: field('address_state'),
          address_zip: field('address_zip'),
          address_zip_check: card.has('address_zip') ? 'pass' : null,
          brand: brandLabel(brand),
          country: testCard.country,
          cvc_check: details.cvc !== undefined ? 'unchecked' : null,
          dynamic_last4: null,
          exp_month: details.expMonth,
          exp_year: details.expYear,
          fingerprint: randomToken(16),
          funding: testCard.funding,
          last4: details.number.slice(-4),
          metadata: {},
          name: field('name'),
          regulated_status: 'unregulated',
          tokenization_method: null,
        } satisfies Stripe.Card,
        client_ip: null,
        created: emu.clock.now(),
        livemode: false,
        type: 'card',
        used: false,
      });
      emu.store.extras(id).cardNumber = details.number;
      return token;
    },
  });
  api.add('GET', '/v1/tokens/:id', retrieveRoute('token'));
}

/** Tokens name brands the legacy way ("Visa", "American Express"). */
function brandLabel(brand: string): string {
  return { visa: 'Visa', mastercard: 'MasterCard', amex: 'American Express', discover: 'Discover' }[brand] ?? brand;
}
