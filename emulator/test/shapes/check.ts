// Run-time shape checks against the installed `stripe` package's declarations, as generate.ts
// extracted them into stripe-shapes.json: every object the tests see is checked against the
// interface its `object` field names — required fields present, no fields the declarations lack,
// each value of its declared type (closed literal unions included), recursively.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Schema =
  | { k: 'any' | 'null' | 'absent' | 'string' | 'number' | 'boolean' }
  /** OtherString: beside literals, room for later API versions' values, which this version must not send. */
  | { k: 'other' }
  | { k: 'lit'; v: string | number | boolean }
  | { k: 'array'; of: Schema }
  | { k: 'union'; of: Schema[] }
  | { k: 'ref'; id: string };

export interface TypeDef {
  /** Property → [schema, optional]. */
  props: Record<string, [Schema, boolean]>;
  index?: Schema;
}

export interface Shapes {
  stripe_version: string;
  /** `object` literal → the interfaces that carry it (e.g. Customer and DeletedCustomer). */
  objects: Record<string, string[]>;
  types: Record<string, TypeDef>;
}

const MAX_DEPTH = 16;

let loaded: Shapes | undefined;

export function shapes(): Shapes {
  loaded ??= JSON.parse(readFileSync(join(import.meta.dirname, 'stripe-shapes.json'), 'utf8')) as Shapes;
  return loaded;
}

/** The installed stripe package's version, which stripe-shapes.json must have been built from. */
export function installedStripeVersion(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(dirname(require.resolve('stripe'))), 'VERSION'), 'utf8').trim();
}

/** Problems with `value` as a Stripe object (none when it matches its declaration or is not a Stripe object). */
export function shapeProblems(value: unknown): string[] {
  if (!isRecord(value) || typeof value.object !== 'string') return [];
  if (value.object === 'list' || value.object === 'search_result') {
    return Array.isArray(value.data) ? value.data.flatMap((item, i) => shapeProblems(item).map((p) => `data[${i}]${p}`)) : [];
  }
  const candidates = shapes().objects[value.object];
  if (!candidates) return [];
  return best(candidates.map((id) => checkRef(value, id, '', 0)));
}

/**
 * `partial`: inside an event's `previous_attributes`, where Stripe sends only the changed fields,
 * nested objects included (the declarations say `Partial<T>`, which is shallow).
 */
function check(value: unknown, schema: Schema, path: string, depth: number, partial = false): string[] {
  switch (schema.k) {
    case 'any':
      return [];
    case 'null':
      return value === null ? [] : [`${path}: expected null, got ${describe(value)}`];
    case 'absent':
      return value === undefined ? [] : [`${path}: expected nothing, got ${describe(value)}`];
    case 'string':
    case 'other':
      return typeof value === 'string' ? [] : [`${path}: expected a string, got ${describe(value)}`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected a number, got ${describe(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean, got ${describe(value)}`];
    case 'lit':
      return value === schema.v ? [] : [`${path}: expected ${JSON.stringify(schema.v)}, got ${describe(value)}`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => check(item, schema.of, `${path}[${i}]`, depth + 1)) : [`${path}: expected an array, got ${describe(value)}`];
    case 'union':
      return checkUnion(value, schema.of, path, depth, partial);
    case 'ref':
      return checkRef(value, schema.id, path, depth, partial);
  }
}

function checkRef(value: unknown, id: string, path: string, depth: number, partial = false): string[] {
  if (depth > MAX_DEPTH) return [];
  const def = shapes().types[id];
  if (!def) return [];
  if (!isRecord(value)) return [`${path}: expected an object, got ${describe(value)}`];
  const problems: string[] = [];
  for (const [key, [schema, optional]] of Object.entries(def.props)) {
    if (!(key in value)) {
      if (!optional && !partial) problems.push(`${path}.${key}: missing`);
      continue;
    }
    problems.push(...check(value[key], schema, `${path}.${key}`, depth + 1, partial || key === 'previous_attributes'));
  }
  for (const key of Object.keys(value)) {
    if (key in def.props) continue;
    if (def.index) problems.push(...check(value[key], def.index, `${path}.${key}`, depth + 1));
    else problems.push(`${path}.${key}: not in the declaration`);
  }
  return problems;
}

/** A union matches when a member does; object members whose `object`/`type` literals differ are skipped. */
function checkUnion(value: unknown, members: Schema[], path: string, depth: number, partial: boolean): string[] {
  const results: string[][] = [];
  // An enum of the pinned version is closed: its literals, not the SDK's OtherString escape hatch.
  const closed = members.some((m) => m.k === 'lit');
  for (const member of members) {
    if (closed && member.k === 'other') continue;
    // A value that is there is not explained by the `| null` or `| undefined` of its type.
    if ((member.k === 'absent' && value !== undefined) || (member.k === 'null' && value !== null && members.length > 1)) continue;
    if (member.k === 'ref' && isRecord(value) && !literalsMatch(value, member.id)) continue;
    const problems = check(value, member, path, depth, partial);
    if (!problems.length) return [];
    results.push(problems);
  }
  return results.length ? best(results) : [`${path}: matches none of the declared types`];
}

function literalsMatch(value: Record<string, unknown>, id: string): boolean {
  const def = shapes().types[id];
  for (const key of ['object', 'type']) {
    const schema = def?.props[key]?.[0];
    if (schema?.k === 'lit' && value[key] !== schema.v) return false;
  }
  return true;
}

function best(results: string[][]): string[] {
  return results.reduce((a, b) => (b.length < a.length ? b : a));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
