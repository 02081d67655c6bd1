// /v1/balance and /v1/balance_transactions: the balance, and the ledger charges, refunds and disputes write.
import { type ApiRouter, listRoute, matchStr, withoutParams } from './api.js';
import { mustGet } from '../state/lookup.js';
import { balanceOf, currentBalanceTransaction } from '../state/balance-transactions.js';

export function registerBalanceTransactionRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/balance', withoutParams(({ emu }) => balanceOf(emu)));
  api.add('GET', '/v1/balance_transactions', listRoute('balance_transaction', {
    filters: { type: matchStr((t) => t.type), source: matchStr((t) => t.source), currency: matchStr((t) => t.currency) },
    accepts: ['payout'],
    view: currentBalanceTransaction,
  }));
  api.add('GET', '/v1/balance_transactions/:id', withoutParams(({ emu, path }) => currentBalanceTransaction(emu, mustGet(emu, 'balance_transaction', path.id))));
}
