#!/usr/bin/env node
/**
 * Lists CSS that is tied to left and right instead of to the start and end of a line, so it stays
 * put when a host page is right-to-left (`dir="rtl"`, Arabic, Hebrew): physical properties
 * (margin-left, left:, text-align: right, border-top-left-radius, float…), shorthands whose left and
 * right values differ (`padding: 0 8px 0 0`) and horizontal transforms. Each hit names the logical
 * replacement. It reads the CSS inside css`…` templates, `style="…"` / `cssText` strings and .css files
 * under elements/, demo/ and stories/.
 *
 *   node scripts/check-rtl.mjs           # prints the list, exits 0
 *   node scripts/check-rtl.mjs --strict  # exits 1 when anything is listed (for CI, once the kit is clean)
 *
 * A line may opt out with a `rtl-ok` comment saying why (e.g. an off-screen helper at left:-9999px).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dirs = ['elements', 'demo', 'stories'];
const side = { left: 'start', right: 'end' };

/** [pattern, replacement(match) → the logical form] for one CSS declaration. */
const rules = [
  [/\b(margin|padding|scroll-margin|scroll-padding)-(left|right)\s*:/, (m) => `${m[1]}-inline-${side[m[2]]}`],
  [/\bborder-(left|right)(-(?:color|width|style))?\s*:/, (m) => `border-inline-${side[m[1]]}${m[2] ?? ''}`],
  [/\bborder-(top|bottom)-(left|right)-radius\s*:/, (m) => `border-${m[1] === 'top' ? 'start' : 'end'}-${side[m[2]]}-radius`],
  [/(?<![-\w])(left|right)\s*:/, (m) => `inset-inline-${side[m[1]]}`],
  [/\b(text-align|float|clear)\s*:\s*(left|right)\b/, (m) => `${m[1]}: ${m[1] === 'text-align' ? side[m[2]] : `inline-${side[m[2]]}`}`],
  [/\b(background-position|transform-origin|object-position)\s*:[^;]*\b(left|right)\b/, () => 'a value that is mirrored under :dir(rtl), or logical keywords where supported'],
  [/\btranslateX\(\s*(?!0[\s)])/, () => 'the opposite sign under :host(:dir(rtl)) (or translate by a custom property)'],
];

/** `margin: a b c d` / `inset` / `border-width`: left is the 4th value; `border-radius: a b` is asymmetric too. */
function asymmetricShorthand(line) {
  const m = /\b(margin|padding|inset|border-width|border-radius|scroll-margin|scroll-padding)\s*:\s*([^;{}]+)/.exec(line);
  if (!m) return null;
  const values = m[2].replace(/!important/, '').trim().split(/\s+(?![^(]*\))/);
  if (m[1] === 'border-radius') {
    if (values.includes('/')) return null;
    const [a, b = a, c = a, d = b] = values;
    return a !== b || c !== d ? `${m[1]} with start/end corners: border-start-start-radius, border-start-end-radius, …` : null;
  }
  return values.length === 4 && values[1] !== values[3] ? `${m[1]}-block / ${m[1]}-inline (left ${values[3]} ≠ right ${values[1]})` : null;
}

/** The line numbers and text of the CSS in a source file. */
function cssLines(file, text) {
  const lines = text.split('\n');
  if (file.endsWith('.css')) return lines.map((t, i) => [i + 1, t]);
  const out = [];
  let inCss = false;
  lines.forEach((t, i) => {
    const opens = /\bcss`/.test(t);
    if (opens) inCss = true;
    if (inCss || /style\s*=|cssText|\.style\.\w+\s*=/.test(t)) out.push([i + 1, t]);
    if (inCss && (opens ? /`/.test(t.slice(t.indexOf('css`') + 4)) : /`/.test(t))) inCss = false;
  });
  return out;
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') yield* files(path);
    } else if (/\.(ts|css)$/.test(entry.name) && !/\.(test|stories)\.ts$/.test(entry.name) || /\.stories\.ts$/.test(entry.name)) yield path;
  }
}

const hits = [];
for (const dir of dirs) {
  for (const file of files(join(root, dir))) {
    for (const [n, line] of cssLines(file, readFileSync(file, 'utf8'))) {
      if (/rtl-ok/.test(line) || /^\s*(\/\/|\*|\/\*)/.test(line)) continue;
      const found = rules.map(([re, fix]) => [re.exec(line), fix]).filter(([m]) => m).map(([m, fix]) => fix(m));
      const shorthand = asymmetricShorthand(line);
      if (shorthand) found.push(shorthand);
      for (const fix of found) hits.push(`${relative(root, file)}:${n}: ${line.trim()}  →  ${fix}`);
    }
  }
}

for (const hit of hits) console.log(hit);
console.log(`${hits.length} physical (left/right) CSS declaration${hits.length === 1 ? '' : 's'}`);
if (process.argv.includes('--strict') && hits.length) process.exit(1);
