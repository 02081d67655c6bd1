// Products and prices, from the events' snapshots. Deletions are final and cannot be re-fetched: applied from the payload.
import { on } from './define';

export const catalogEvents = {
  ...on(['product.created', 'product.updated'], async (event, run) => run.observe('product', event)),
  ...on(['product.deleted'], async (event, run) => run.deleted('product', event.data.object)),
  ...on(['price.created', 'price.updated'], async (event, run) => run.observe('price', event)),
  ...on(['price.deleted'], async (event, run) => run.deleted('price', event.data.object)),
};
