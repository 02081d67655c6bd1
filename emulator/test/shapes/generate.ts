// Builds test/shapes/stripe-shapes.json from the installed `stripe` package's declarations: every
// resource interface with an `object` literal, and every type it reaches, in a small JSON form the
// run-time check (check.ts) reads. Run after upgrading stripe: `npm run shapes -w emulator`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { Schema, Shapes, TypeDef } from './check.js';

const require = createRequire(import.meta.url);
// The package's main entry (…/stripe/cjs/stripe.cjs.node.js) locates its directory.
const stripeRoot = dirname(dirname(require.resolve('stripe')));
const program = ts.createProgram([join(stripeRoot, 'esm', 'stripe.esm.node.d.ts')], { noEmit: true, skipLibCheck: true, strict: true, types: [] });
const checker = program.getTypeChecker();

const types: Record<string, TypeDef> = {};
const ids = new Map<ts.Type, string>();
const pending: [ts.Type, string][] = [];
const taken = new Set<string>();

function idFor(type: ts.Type): string {
  let id = ids.get(type);
  if (id) return id;
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const base = symbol ? checker.getFullyQualifiedName(symbol).replace(/^".*?"\./, '') : 'anonymous';
  id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  taken.add(id);
  ids.set(type, id);
  pending.push([type, id]);
  return id;
}

function schemaOf(type: ts.Type): Schema {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { k: 'any' };
  if (type.isUnion()) {
    // `boolean` is the union true | false.
    const members = type.types.map(schemaOf);
    return { k: 'union', of: members };
  }
  if (type.flags & ts.TypeFlags.Null) return { k: 'null' };
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return { k: 'absent' };
  if (type.isStringLiteral() || type.isNumberLiteral()) return { k: 'lit', v: type.value as string | number };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { k: 'lit', v: checker.typeToString(type) === 'true' };
  if (type.flags & ts.TypeFlags.String) return { k: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { k: 'number' };
  if (type.flags & ts.TypeFlags.Boolean) return { k: 'boolean' };
  // `string & Record<never, never>` (OtherString): the SDK's room for values of later API versions.
  if (type.isIntersection()) return type.types.some((t) => t.flags & ts.TypeFlags.String) ? { k: 'other' } : { k: 'any' };
  const name = type.aliasSymbol?.getName() ?? type.getSymbol()?.getName();
  if (name === 'Decimal' || name === 'DecimalImpl') return { k: 'string' };
  if (checker.isArrayType(type)) return { k: 'array', of: schemaOf(checker.getTypeArguments(type as ts.TypeReference)[0]!) };
  if (type.flags & ts.TypeFlags.Object) {
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length) return { k: 'any' };
    return { k: 'ref', id: idFor(type) };
  }
  return { k: 'any' };
}

function define(type: ts.Type, id: string): void {
  const props: TypeDef['props'] = {};
  for (const property of checker.getPropertiesOfType(type)) {
    props[property.getName()] = [schemaOf(checker.getTypeOfSymbol(property)), (property.flags & ts.SymbolFlags.Optional) !== 0];
  }
  const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
  types[id] = index ? { props, index: schemaOf(index) } : { props };
}

const objects: Record<string, string[]> = {};
const resources = join('stripe', 'esm', 'resources');
for (const file of program.getSourceFiles()) {
  if (!file.fileName.includes(resources)) continue;
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const type = checker.getTypeAtLocation(statement.name);
    const objectProp = type.getProperty('object');
    if (!objectProp) continue;
    const literal = checker.getTypeOfSymbol(objectProp);
    if (!literal.isStringLiteral()) continue;
    (objects[literal.value] ??= []).push(idFor(type));
  }
}
while (pending.length) {
  const [type, id] = pending.shift()!;
  define(type, id);
}

const shapes: Shapes = {
  stripe_version: readFileSync(join(stripeRoot, 'VERSION'), 'utf8').trim(),
  objects,
  types,
};
const out = join(import.meta.dirname, 'stripe-shapes.json');
writeFileSync(out, `${JSON.stringify(shapes)}\n`);
console.log(`${Object.keys(objects).length} objects, ${Object.keys(types).length} types → ${out}`);
