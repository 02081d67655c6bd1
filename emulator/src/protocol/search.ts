// Stripe's search query language, enough of it for real integrations:
// `email:'a@b.c' AND metadata['user_id']:'42'`, `name~'ada'`, `created>1700000000`, `-status:'canceled'`,
// clauses joined by AND or by OR (not both, as in Stripe).
import { invalidRequest } from './errors.js';

interface Clause {
  path: string[];
  negate: boolean;
  comparator: ':' | '~' | '>' | '>=' | '<' | '<=';
  value: string | number | null;
}

export interface SearchQuery {
  join: 'AND' | 'OR';
  clauses: Clause[];
}

const CLAUSE = /^\s*(-?)([a-z_][a-z0-9_.]*(?:\[(?:'[^']*'|"[^"]*")\])?)\s*(>=|<=|:|~|>|<)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|null)\s*/i;

export function parseSearchQuery(query: string): SearchQuery {
  const clauses: Clause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  let rest = query;
  while (rest.trim()) {
    const match = CLAUSE.exec(rest);
    if (!match) throw invalidRequest(`Invalid search query: ${query}`, 'query');
    const [, negate, field, comparator, raw] = match as unknown as [string, string, string, Clause['comparator'], string];
    clauses.push({ path: fieldPath(field), negate: negate === '-', comparator, value: literal(raw) });
    rest = rest.slice(match[0].length);
    const join = /^(AND|OR)\s+/i.exec(rest);
    if (join) {
      joins.add(join[1]!.toUpperCase() as 'AND' | 'OR');
      rest = rest.slice(join[0].length);
    } else if (rest.trim()) {
      throw invalidRequest(`Invalid search query: ${query}`, 'query');
    }
  }
  if (clauses.length === 0) throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
  if (joins.size > 1) throw invalidRequest('Search queries cannot combine AND and OR.', 'query');
  return { join: joins.has('OR') ? 'OR' : 'AND', clauses };
}

function fieldPath(field: string): string[] {
  const bracket = /^([a-z_][a-z0-9_.]*)\[(?:'([^']*)'|"([^"]*)")\]$/i.exec(field);
  if (bracket) return [...bracket[1]!.split('.'), bracket[2] ?? bracket[3]!];
  return field.split('.');
}

function literal(raw: string): string | number | null {
  if (raw === 'null') return null;
  if (raw.startsWith("'") || raw.startsWith('"')) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  return Number(raw);
}

export function matchesSearch(object: unknown, query: SearchQuery): boolean {
  const results = query.clauses.map((clause) => matchesClause(object, clause));
  return query.join === 'AND' ? results.every(Boolean) : results.some(Boolean);
}

function matchesClause(object: unknown, clause: Clause): boolean {
  let value: unknown = object;
  for (const key of clause.path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value && typeof value === 'object' && 'id' in value) value = (value as { id: unknown }).id;
  const wanted = clause.value;
  let result: boolean;
  switch (clause.comparator) {
    case ':':
      result = wanted === null ? value === null || value === undefined : String(value ?? '').toLowerCase() === String(wanted).toLowerCase();
      break;
    case '~':
      result = typeof value === 'string' && value.toLowerCase().includes(String(wanted).toLowerCase());
      break;
    default:
      result = typeof value === 'number' && typeof wanted === 'number' && compare(value, clause.comparator, wanted);
  }
  return clause.negate ? !result : result;
}

function compare(a: number, comparator: '>' | '>=' | '<' | '<=', b: number): boolean {
  return comparator === '>' ? a > b : comparator === '>=' ? a >= b : comparator === '<' ? a < b : a <= b;
}
