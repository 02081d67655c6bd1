// Customers. A deletion is final and cannot be re-fetched, so it is applied from the payload.
import { on } from './define';

export const customerEvents = {
  ...on(['customer.created', 'customer.updated'], (event, run) => run.customer(event.data.object.id)),
  ...on(['customer.deleted'], async (event, run) => run.deleted('customer', event.data.object)),
};
