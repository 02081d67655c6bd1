// qs-style form decoding, as stripe-node and curl send it: `a[b]=1`, `a[0][c]=2`, `a[]=3`.
// Objects whose keys are all indices become arrays; an empty value stays '' (it means "clear").

export type ParamValue = string | ParamObject | ParamValue[];
export interface ParamObject {
  [key: string]: ParamValue;
}

const MAX_DEPTH = 10;

export function parseForm(body: string): ParamObject {
  const root: ParamObject = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    assign(root, keyPath(decode(rawKey)), decode(rawValue));
  }
  return arraysFromIndices(root) as ParamObject;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new MalformedParamsError(`Invalid URL encoding: ${text}`);
  }
}

export class MalformedParamsError extends Error {}

function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(key.slice(open)))) path.push(match[1]!);
  if (path.length > MAX_DEPTH) throw new MalformedParamsError(`Parameter nesting too deep: ${key}`);
  return path;
}

const APPEND = Symbol('append');

function assign(target: ParamObject, path: string[], value: string): void {
  let node = target as Record<string | symbol, unknown>;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    // `a[]` appends: give it the next free index so order is kept.
    const key = segment === '' ? String(nextIndex(node)) : segment;
    if (last) {
      node[key] = value;
      return;
    }
    let child = node[key];
    if (typeof child !== 'object' || child === null) {
      child = {};
      node[key] = child;
    }
    node = child as Record<string | symbol, unknown>;
  }
}

function nextIndex(node: Record<string | symbol, unknown>): number {
  const used = (node[APPEND] as number | undefined) ?? Object.keys(node).length;
  node[APPEND] = used + 1;
  return used;
}

function arraysFromIndices(value: unknown): ParamValue {
  if (typeof value !== 'object' || value === null) return value as string;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const converted: ParamObject = {};
  for (const key of keys) converted[key] = arraysFromIndices(object[key]);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => converted[String(i)]!);
  }
  return converted;
}
