// `expand[]`: replaces ids with the objects they name, up to four levels deep, including
// expand-only fields (computed on demand, never stored), and `data.…` paths on lists.
import type { Emulator } from '../emulator.js';
import { invalidRequest } from './errors.js';

type ExpandOnlyResolver = (emu: Emulator, parent: Record<string, unknown>) => unknown;

const MAX_DEPTH = 4;
const expandOnlyFields = new Map<string, ExpandOnlyResolver>();

/** Declares a field that only appears when expanded, e.g. `invoice.confirmation_secret`. */
export function defineExpandOnly(objectType: string, field: string, resolve: ExpandOnlyResolver): void {
  expandOnlyFields.set(`${objectType}.${field}`, resolve);
}

export function applyExpand(emu: Emulator, value: unknown, paths: string[]): unknown {
  let result = value;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.filter((s) => s !== 'data').length > MAX_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`, 'expand');
    }
    result = expandPath(emu, result, segments, path);
  }
  return result;
}

function expandPath(emu: Emulator, node: unknown, segments: string[], fullPath: string): unknown {
  if (segments.length === 0 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((item) => expandPath(emu, item, segments, fullPath));
  const [field, ...rest] = segments as [string, ...string[]];
  const parent = node as Record<string, unknown>;
  const resolve = typeof parent.object === 'string' ? expandOnlyFields.get(`${parent.object}.${field}`) : undefined;
  let value = resolve ? resolve(emu, parent) : parent[field];
  if (typeof value === 'string') {
    const target = emu.store.byId(value);
    if (!target) throw cannotExpand(fullPath);
    value = target;
  } else if (value === undefined) {
    throw cannotExpand(fullPath);
  }
  return { ...parent, [field]: expandPath(emu, value, rest, fullPath) };
}

function cannotExpand(path: string) {
  return invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}
