// Counts the modules a process loads: `node --import ./bench/count-modules.mjs <entry>` appends each
// loaded module URL to $COUNT_MODULES_FILE (default /tmp/sk-modules.txt). A load hook runs in its own
// thread, so it writes the list to a file rather than keeping it in memory.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = process.env.COUNT_MODULES_FILE ?? '/tmp/sk-modules.txt';
export async function load(url, context, next) {
  appendFileSync(file, url + '\\n');
  return next(url, context);
}`)}`,
);
