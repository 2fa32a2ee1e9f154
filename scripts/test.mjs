// `npm test`: type check, server tests (PGlite, and PostgreSQL when DATABASE_URL is set), element
// tests in Chromium, end-to-end tests against `npm start`, the package (npm pack and its file list),
// the examples installed from that tarball, the Storybook build. Ends with a
// "N passed, N failed" line over everything.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
/** A package's own CLI entry, read from its package.json `bin` (its layout changes between releases). */
const cli = (pkg) => {
  const { bin: entry } = JSON.parse(readFileSync(bin(pkg, 'package.json'), 'utf8'));
  return bin(pkg, typeof entry === 'string' ? entry : entry[pkg]);
};
const only = process.argv.slice(2); // e.g. `npm test -- server elements`
const totals = { passed: 0, failed: 0 };
let failedSteps = [];

function run(name, args, { parse } = {}) {
  if (only.length && !only.includes(name)) return Promise.resolve();
  console.log(`\n=== ${name}: node ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
    });
    child.on('exit', (code) => {
      parse?.(out);
      if (code !== 0) failedSteps.push(name);
      resolve();
    });
  });
}

const vitestJson = join(tmpdir(), `sk-vitest-${process.pid}.json`);
const countVitest = () => {
  if (!existsSync(vitestJson)) return;
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  rmSync(vitestJson);
};
const countWtr = (out) => {
  const m = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (m) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
  }
};

await run('typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
// The same step refuses import cycles between server and element modules (scripts/check-cycles.mjs).
await run('typecheck', [join(root, 'scripts/check-cycles.mjs')]);
const projects = ['server-pglite', ...(process.env.DATABASE_URL ? ['server-postgres'] : [])];
await run('server', [bin('vitest', 'vitest.mjs'), 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { parse: countVitest });
await run('elements', ['--import', 'tsx', bin('@web/test-runner', 'dist/bin.js')], { parse: countWtr });
await run('e2e', [bin('vitest', 'vitest.mjs'), 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { parse: countVitest });
// The package as a host gets it: `npm pack` (prepack builds dist/) and its file list, then the three
// example hosts installed from that tarball and driven in Chromium (examples/run.mjs).
const packDir = mkdtempSync(join(tmpdir(), 'sk-pack-'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
await run('package', [join(root, 'scripts/check-package.mjs'), '--out', packDir], { parse: countWtr });
await run('examples', [join(root, 'examples/run.mjs'), '--tarball', join(packDir, `settings-kit-${version}.tgz`)], { parse: countWtr });
rmSync(packDir, { recursive: true, force: true });
if (existsSync(join(root, '.storybook'))) await run('stories', [cli('storybook'), 'build', '-o', '.storybook-static', '--quiet']).then(() => failedSteps.includes('stories') || run('stories', ['--import', 'tsx', 'stories/check-stories.ts'], { parse: countWtr }));

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
