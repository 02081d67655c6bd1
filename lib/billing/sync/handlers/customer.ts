// Customers. A deletion is final and cannot be re-fetched, so it is applied from the payload.
// Discounts, tax ids and sources belong to a customer: their events refresh that customer.
import { idOf } from '@/lib/stripe/ids';
import { on } from './define';

export const customerEvents = {
  ...on(['customer.created', 'customer.updated'], async (event, run) => run.observe('customer', event)),
  ...on(['customer.deleted'], async (event, run) => run.deleted('customer', event.data.object)),
  ...on(
    [
      'customer.discount.created',
      'customer.discount.updated',
      'customer.discount.deleted',
      'customer.tax_id.created',
      'customer.tax_id.updated',
      'customer.tax_id.deleted',
      'customer.source.created',
      'customer.source.updated',
      'customer.source.deleted',
      'customer.source.expiring',
    ],
    async (event, run) => {
      const customerId = idOf((event.data.object as { customer?: string | { id: string } | null }).customer);
      if (customerId) await run.customer(customerId);
    },
  ),
};
