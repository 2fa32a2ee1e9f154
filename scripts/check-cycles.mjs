// Fails when the TypeScript sources under the given folders (default: server, elements) import
// each other in a circle, type-only imports included: a cycle makes the load order decide which
// module sees the other half-initialised, and it hides which block depends on which.
// Usage: node scripts/check-cycles.mjs [folder…]; prints each cycle as a → b → a.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['server', 'elements'];

function sourcesIn(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourcesIn(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** A relative specifier as the TypeScript resolver would find it (`./x` → x.ts or x/index.ts). */
function resolveLocal(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\.(m?js)$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = folders.flatMap((folder) => sourcesIn(join(root, folder)));
const edges = new Map();
for (const file of files) {
  // preProcessFile lists every import, export-from and import() of the file, `import type` too.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  edges.set(file, [...new Set(importedFiles.map((i) => resolveLocal(file, i.fileName)).filter(Boolean))]);
}

// Tarjan's strongly connected components: every component of more than one file (or a file that
// imports itself) holds at least one cycle.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
function visit(file) {
  const own = { index, low: index, onStack: true };
  index++;
  state.set(file, own);
  stack.push(file);
  for (const next of edges.get(file) ?? []) {
    if (!edges.has(next)) continue; // outside the checked folders
    const seen = state.get(next);
    if (!seen) {
      visit(next);
      own.low = Math.min(own.low, state.get(next).low);
    } else if (seen.onStack) own.low = Math.min(own.low, seen.index);
  }
  if (own.low !== own.index) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    state.get(member).onStack = false;
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || edges.get(file).includes(file)) components.push(component);
}
for (const file of files) if (!state.has(file)) visit(file);

/** One concrete circle inside a component, found by walking from its first file back to it. */
function circleIn(component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    for (const next of edges.get(file)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = file; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return component;
}

const name = (file) => relative(root, file);
if (components.length) {
  for (const component of components) console.error(`import cycle: ${circleIn(component).map(name).join(' → ')}`);
  console.error(`${components.length} import cycle(s) among ${files.length} files`);
  process.exit(1);
}
console.log(`no import cycle among ${files.length} files in ${folders.join(', ')}`);
