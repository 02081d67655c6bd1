// Stripe list objects: limit, cursors both ways, `created` filters, newest first.
import type { Params } from './params.js';
import { invalidRequest } from './errors.js';

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** The list params every list endpoint accepts, for `Params.only`. */
export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

interface Listable {
  id: string;
  created?: number;
}

/** Pages `items` (already filtered and newest first) as Stripe does. */
export function paginate<T extends Listable>(items: readonly T[], params: Params, url: string, notFoundLabel = 'object'): ListObject<T> {
  const limit = params.int('limit', { min: 1, max: 100 }) ?? 10;
  const startingAfter = params.str('starting_after') || undefined;
  const endingBefore = params.str('ending_before') || undefined;
  if (startingAfter && endingBefore) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', 'ending_before');
  }
  const filtered = filterCreated(items, params);

  if (endingBefore) {
    const index = cursorIndex(filtered, endingBefore, notFoundLabel, 'ending_before');
    const newer = filtered.slice(0, index);
    const page = newer.slice(Math.max(0, newer.length - limit));
    return { object: 'list', data: page, has_more: newer.length > limit, url };
  }
  const start = startingAfter ? cursorIndex(filtered, startingAfter, notFoundLabel, 'starting_after') + 1 : 0;
  const page = filtered.slice(start, start + limit);
  return { object: 'list', data: page, has_more: start + limit < filtered.length, url };
}

export function listOf<T>(data: T[], url: string): ListObject<T> {
  return { object: 'list', data, has_more: false, url };
}

function cursorIndex(items: readonly Listable[], id: string, label: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw invalidRequest(`No such ${label}: '${id}'`, param, 'resource_missing');
  return index;
}

/** `created=123` or `created[gt|gte|lt|lte]=…`; also used for other timestamp filters. */
export function filterCreated<T extends Listable>(items: readonly T[], params: Params, key = 'created', field: (item: T) => number | undefined = (i) => i.created): readonly T[] {
  if (!params.has(key)) return items;
  const exact = params.raw[key];
  if (typeof exact === 'string') {
    const at = params.int(key);
    return at === undefined ? items : items.filter((item) => field(item) === at);
  }
  const range = params.obj(key)!.only('gt', 'gte', 'lt', 'lte');
  const gt = range.int('gt');
  const gte = range.int('gte');
  const lt = range.int('lt');
  const lte = range.int('lte');
  return items.filter((item) => {
    const t = field(item) ?? 0;
    return (gt === undefined || t > gt) && (gte === undefined || t >= gte) && (lt === undefined || t < lt) && (lte === undefined || t <= lte);
  });
}
