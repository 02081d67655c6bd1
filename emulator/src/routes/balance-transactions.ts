// /v1/balance and /v1/balance_transactions: the balance, and the ledger charges, refunds and disputes write.
import { type ApiRouter, withoutParams } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { balanceOf, currentBalanceTransaction } from '../state/balance-transactions.js';

export function registerBalanceTransactionRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/balance', withoutParams(({ emu }) => balanceOf(emu)));
  api.add('GET', '/v1/balance_transactions', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'type', 'source', 'currency', 'payout');
      const type = params.str('type');
      const source = params.str('source');
      const currency = params.str('currency');
      const items = emu.store.list('balance_transaction').filter(
        (t) => (type === undefined || t.type === type) && (source === undefined || t.source === source) && (currency === undefined || t.currency === currency),
      );
      return paginate(items.map((t) => currentBalanceTransaction(emu, t)), params, url, 'balance_transaction');
    },
  });
  api.add('GET', '/v1/balance_transactions/:id', withoutParams(({ emu, path }) => currentBalanceTransaction(emu, mustGet(emu, 'balance_transaction', path.id))));
}
