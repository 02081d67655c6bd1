// Products and prices. Deletions are final and cannot be re-fetched: applied from the payload.
import { on } from './define';

export const catalogEvents = {
  ...on(['product.created', 'product.updated'], (event, run) => run.product(event.data.object.id)),
  ...on(['product.deleted'], async (event, run) => run.deleted('product', event.data.object)),
  ...on(['price.created', 'price.updated'], (event, run) => run.price(event.data.object.id)),
  ...on(['price.deleted'], async (event, run) => run.deleted('price', event.data.object)),
};
