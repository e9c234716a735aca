// `npm run bench [-- name …]`: runs the named scenarios (all when none is named), prints
// each scenario's figures and writes them to bench/results/<name>.json.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchScenario {
  /** What the scenario measures, one line. */
  description: string;
  /** Runs the scenario and returns its figures (plain JSON). */
  run(): Promise<Record<string, unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const scenarioDir = join(here, 'scenarios');
const resultsDir = join(here, 'results');

const available = (await readdir(scenarioDir))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown scenario: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}

await mkdir(resultsDir, { recursive: true });
for (const name of requested.length > 0 ? requested : available) {
  const scenario = ((await import(join(scenarioDir, `${name}.ts`))) as { default: BenchScenario }).default;
  console.log(`\n## ${name}: ${scenario.description}`);
  const startedAt = new Date().toISOString();
  const figures = await scenario.run();
  const result = { scenario: name, startedAt, finishedAt: new Date().toISOString(), node: process.version, figures };
  await writeFile(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
}
