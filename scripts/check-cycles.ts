// `npm run check:cycles` (part of `npm test`): fails when modules of the app (lib/, app/,
// components/) or of the emulator (emulator/src/) import each other in a circle at run time, or
// when the emulator's state changes import its HTTP layer (the layer rule in emulator/README.md).
// Type-only imports do not count: they are gone once compiled. madge reads the imports and
// resolves `@/` through tsconfig.json.
import { createRequire } from 'node:module';

// madge ships no type declarations; this is the part of its API used here.
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
type Madge = (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;
const madge = createRequire(import.meta.url)('madge') as Madge;

const folders = ['lib', 'app', 'components', 'emulator/src'];
const runtimeImportsOnly = { skipTypeImports: true };
const result = await madge(folders, {
  baseDir: '.',
  fileExtensions: ['ts', 'tsx'],
  tsConfig: 'tsconfig.json',
  detectiveOptions: { ts: runtimeImportsOnly, tsx: runtimeImportsOnly },
});

// An import madge cannot resolve drops out of the graph, and a cycle through it would go unseen.
const unresolved = result.warnings().skipped.filter((name) => name.startsWith('.') || name.startsWith('@/'));
if (unresolved.length > 0) {
  console.error(`Imports the cycle check cannot resolve: ${unresolved.join(', ')}`);
  process.exit(1);
}
const cycles = result.circular();
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s):`);
  for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' → ')}`);
  process.exit(1);
}
const graph = result.obj();
const httpLayer = /^emulator\/src\/(routes\/|hosted\/|control\.ts$|server\.ts$)/;
const upward = Object.entries(graph).flatMap(([file, deps]) =>
  file.startsWith('emulator/src/state/') ? deps.filter((dep) => httpLayer.test(dep)).map((dep) => `${file} → ${dep}`) : [],
);
if (upward.length > 0) {
  console.error(`Emulator state modules importing the HTTP layer:\n  ${upward.join('\n  ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${Object.keys(graph).length} modules in ${folders.join(', ')}; emulator state imports no routes.`);
