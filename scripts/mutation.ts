// `npm run test:mutation [-- --module <name>[,<name>…]]`: StrykerJS over the modules that guard
// money and access (scripts/lib/mutation-modules.ts), one module at a time, each with its own
// report and incremental file under reports/mutation/. Then docs/mutation.md is regenerated.
// Delete reports/mutation/<name>.incremental.json (or pass --full) to re-test every mutant.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { mutationModules, mutationReportDir } from './lib/mutation-modules';
import { writeMutationDoc, type ModuleRun } from './mutation-report';

const { values } = parseArgs({ options: { module: { type: 'string', multiple: true }, full: { type: 'boolean', default: false } } });
const names = (values.module ?? []).flatMap((list) => list.split(','));
const unknown = names.filter((name) => !mutationModules.some((target) => target.name === name));
if (unknown.length > 0) {
  console.error(`Unknown module ${unknown.join(', ')}; known: ${mutationModules.map((target) => target.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length === 0 ? mutationModules : mutationModules.filter((target) => names.includes(target.name));

// One database kind is enough to judge a mutant (see test/support/database-kinds.ts).
process.env.TEST_DATABASE_KINDS ??= 'pglite';
fs.mkdirSync(mutationReportDir, { recursive: true });

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

for (const target of selected) {
  console.log(`\n▶ mutation testing: ${target.name} (${target.mutate.filter((glob) => !glob.startsWith('!')).join(', ')})`);
  const started = Date.now();
  const commit = git('rev-parse', '--short', 'HEAD');
  const uncommittedChanges = git('status', '--porcelain', '--untracked-files=no') !== '';
  const report = (ext: string) => path.join(mutationReportDir, `${target.name}.${ext}`);
  await new Stryker({
    mutate: target.mutate,
    ...(target.testFiles ? { testFiles: target.testFiles } : {}),
    incremental: true,
    incrementalFile: report('incremental.json'),
    force: values.full,
    jsonReporter: { fileName: report('json') },
    htmlReporter: { fileName: report('html') },
  }).runMutationTest();
  const run: ModuleRun = {
    module: target.name,
    date: new Date(started).toISOString(),
    commit,
    uncommittedChanges,
    seconds: Math.round((Date.now() - started) / 1000),
    databaseKinds: process.env.TEST_DATABASE_KINDS,
  };
  fs.writeFileSync(report('run.json'), `${JSON.stringify(run, null, 2)}\n`);
}
writeMutationDoc();
