#!/usr/bin/env node
/**
 * Writes translations into the lit-localize XLIFF files from a reviewable table, so a translator edits
 * plain text instead of XML:
 *
 *   node scripts/fill-xliff.mjs table.json        # { "fr": { "<trans-unit id>": "Texte avec {0}" }, … }
 *   node scripts/fill-xliff.mjs --missing fr      # lists the units of fr.xlf that still have no target
 *
 * `{N}` in a target stands for the source's `<x id="N" …/>` placeholder and is replaced by it verbatim
 * (every placeholder must be used exactly once). A target may not contain `&`, `<` or `>`: lit-localize
 * copies XML entities into the built messages as text, so they would show up on screen. French gets its
 * no-break spaces before `: ; ? !` and inside « » here, so the table can use ordinary spaces.
 * Run `npx lit-localize build` afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const xliffDir = new URL('../elements/locales/xliff/', import.meta.url);
const unitPattern = /(<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>)(\s*<target>[\s\S]*?<\/target>)?/g;

const typography = {
  // U+202F (narrow no-break space) before ; ? ! and », U+00A0 before : and after «.
  fr: (text) =>
    text
      .replace(/ ([;?!»])/g, '\u202f$1')
      .replace(/ :/g, '\u00a0:')
      .replace(/« /g, '«\u00a0'),
};

function toTarget(id, source, text) {
  if (/[&<>]/.test(text)) throw new Error(`${id}: no & < > in targets (entities would show as text): ${text}`);
  const placeholders = new Map([...source.matchAll(/<x id="(\d+)"[^>]*\/>/g)].map((m) => [m[1], m[0]]));
  const used = [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]);
  const expected = [...placeholders.keys()];
  if (used.length !== expected.length || !expected.every((n) => used.includes(n)))
    throw new Error(`${id}: target must use the placeholders {${expected.join('},{')}} exactly once: ${text}`);
  return text.replace(/\{(\d+)\}/g, (_, n) => placeholders.get(n));
}

function missing(xml) {
  return [...xml.matchAll(unitPattern)].filter((m) => !m[4]).map((m) => ({ id: m[2], source: m[3] }));
}

const [arg, locale] = process.argv.slice(2);
if (arg === '--missing') {
  const units = missing(readFileSync(new URL(`${locale}.xlf`, xliffDir), 'utf8'));
  for (const u of units) console.log(`${u.id}\t${u.source}`);
  process.exit(units.length ? 1 : 0);
}
if (!arg) {
  console.error('usage: node scripts/fill-xliff.mjs <table.json> | --missing <locale>');
  process.exit(2);
}

const table = JSON.parse(readFileSync(arg, 'utf8'));
for (const [lang, targets] of Object.entries(table)) {
  const file = new URL(`${lang}.xlf`, xliffDir);
  const seen = new Set();
  const xml = readFileSync(file, 'utf8').replace(unitPattern, (whole, head, id, source) => {
    if (!(id in targets)) return whole;
    seen.add(id);
    const text = (typography[lang] ?? ((t) => t))(targets[id]);
    return `${head}\n  <target>${toTarget(id, source, text)}</target>`;
  });
  const unknown = Object.keys(targets).filter((id) => !seen.has(id));
  if (unknown.length) throw new Error(`${lang}: no such trans-unit: ${unknown.join(', ')}`);
  writeFileSync(file, xml);
  const left = missing(xml);
  console.log(`${lang}: ${seen.size} targets written, ${left.length} units without a target`);
}
