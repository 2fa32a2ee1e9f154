// Smoke check of the built Storybook (`storybook build -o .storybook-static`): serves the folder on a
// free 127.0.0.1 port, opens every story of index.json in Chromium and fails a story when it throws
// (page error, console error, Storybook's error display, a failing play function) or when its
// element renders no shadow content. Prints "✓ id" / "✗ id: reason" per story and ends with
// "N passed, M failed" (counted by scripts/test.mjs).
//
//   node --import tsx stories/check-stories.ts [--dir .storybook-static] [--only <substring>] [--screenshots <dir>]
//
// The story's element is the meta's `component` (else the first custom element in the canvas other
// than the <settings-provider> wrapper); it must be upgraded, render shadow content and be visible.
// A story whose element renders nothing on purpose carries the tag `renders-nothing`: its element
// must still be defined and upgraded, but may be empty or hidden.
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = resolve(root, option('--dir') ?? '.storybook-static');
const only = option('--only');
const screenshots = option('--screenshots');
const RENDER_TIMEOUT = 20_000;
const CONTENT_TIMEOUT = 5_000;
const SETTLE_MS = 100;
const SETTLE_TIMEOUT = 4_000;

type Entry = { type: string; id: string; title: string; name: string; tags?: string[] };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for `folder` on a free 127.0.0.1 port. */
async function serve(folder: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(folder, `.${path}`);
    if (file !== folder && !file.startsWith(folder + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // Hashed assets may be cached between stories (each story loads the same bundle); pages and the index not.
    const cache = path.startsWith('/assets/') || path.endsWith('.woff2') ? 'max-age=3600' : 'no-store';
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// Runs in the page, as a string so that no helper of the TypeScript loader leaks into it.
const PHASE = `(() => {
  const render = window.__STORYBOOK_PREVIEW__ && window.__STORYBOOK_PREVIEW__.currentRender;
  const body = document.body.classList;
  if (body.contains('sb-show-errordisplay')) return 'errordisplay';
  return render && render.phase === 'finished' ? 'finished' : '';
})()`;

/** The story's rendered DOM, shadow roots included, to tell when it stops changing. */
const SNAPSHOT = `(() => {
  const snap = (node) => {
    let out = '';
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) out += '<' + el.localName + '>' + el.shadowRoot.innerHTML + snap(el.shadowRoot) + '</>';
    return out;
  };
  const canvas = document.querySelector('#storybook-root') || document.body;
  return canvas.innerHTML + snap(canvas);
})()`;

/** Looks at the rendered story: Storybook's error display, and the story element's shadow content. */
const INSPECT = `(() => {
  const errorText = (document.querySelector('#error-message')?.textContent || '').trim();
  const stack = (document.querySelector('#error-stack')?.textContent || '').trim();
  const classes = [...document.body.classList];
  const render = window.__STORYBOOK_PREVIEW__ && window.__STORYBOOK_PREVIEW__.currentRender;
  const story = render && render.story;
  const component = story && typeof story.component === 'string' ? story.component.toLowerCase() : null;
  const canvas = document.querySelector('#storybook-root') || document.body;
  // Custom elements of the story itself (light DOM of the canvas), settings-provider being only a wrapper.
  const all = [...canvas.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
  const undefinedTags = [...new Set(all.filter((el) => !customElements.get(el.localName)).map((el) => el.localName))];
  const elements = all.filter((el) => el.localName !== 'settings-provider');
  const el = (component && elements.find((e) => e.localName === component)) || elements[0] || null;
  const contentOf = (shadow) => {
    if (!shadow) return false;
    if (shadow.querySelector('*:not(style):not(slot):not(link)')) return true;
    return (shadow.textContent || '').trim().length > 0;
  };
  return {
    errorDisplay: classes.includes('sb-show-errordisplay') ? (errorText || 'error display shown') + (stack ? ' | ' + stack.split('\\n').slice(0, 3).join(' ') : '') : null,
    phase: render ? render.phase : null,
    tag: el ? el.localName : null,
    component,
    undefinedTags,
    hasShadow: !!(el && el.shadowRoot),
    hasContent: !!(el && contentOf(el.shadowRoot)),
    visible: !!(el && el.checkVisibility() && el.getBoundingClientRect().height > 0),
    others: elements.filter((e) => e !== el && !e.shadowRoot && customElements.get(e.localName)).map((e) => e.localName),
  };
})()`;

type Inspection = {
  errorDisplay: string | null;
  phase: string | null;
  tag: string | null;
  component: string | null;
  undefinedTags: string[];
  hasShadow: boolean;
  hasContent: boolean;
  visible: boolean;
  others: string[];
};

async function checkStory(page: Page, origin: string, entry: Entry): Promise<string[]> {
  const problems: string[] = [];
  const onPageError = (error: Error) => problems.push(`page error: ${error.message.split('\n')[0]}`);
  const onConsole = (message: import('playwright-core').ConsoleMessage) => {
    const text = message.text();
    if (message.type() === 'warning' && text.startsWith('[fake-api]')) problems.push(text);
    if (message.type() !== 'error') return;
    const url = message.location()?.url ?? '';
    if (/favicon/i.test(url) || (/favicon/i.test(text) && /404|Failed to load resource/.test(text))) return;
    problems.push(`console error: ${text.split('\n')[0]}${url && !text.includes(url) ? ` (${url})` : ''}`);
  };
  const onFailedResponse = (response: import('playwright-core').Response) => {
    if (response.status() >= 400 && !/favicon/i.test(response.url())) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  };
  page.on('pageerror', onPageError);
  page.on('console', onConsole);
  page.on('response', onFailedResponse);
  try {
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=story`, { waitUntil: 'load', timeout: RENDER_TIMEOUT });
    const phase = await page.waitForFunction(PHASE, undefined, { timeout: RENDER_TIMEOUT, polling: 50 }).then(
      (handle) => handle.jsonValue() as Promise<string>,
      () => 'timeout',
    );
    if (phase === 'timeout') problems.push(`story did not finish rendering within ${RENDER_TIMEOUT / 1000}s`);
    // Let fake API answers land and elements update: wait until the DOM stops changing (bounded:
    // countdowns tick every second), then (bounded) for shadow content.
    let last = '';
    for (let stable = 0, until = Date.now() + SETTLE_TIMEOUT; stable < 3 && Date.now() < until; ) {
      await page.waitForTimeout(SETTLE_MS);
      const now = (await page.evaluate(SNAPSHOT)) as string;
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    const emptyAllowed = entry.tags?.includes('renders-nothing') ?? false;
    let seen = (await page.evaluate(INSPECT)) as Inspection;
    for (const until = Date.now() + CONTENT_TIMEOUT; !seen.errorDisplay && !emptyAllowed && !(seen.hasContent && seen.visible) && Date.now() < until; ) {
      await page.waitForTimeout(100);
      seen = (await page.evaluate(INSPECT)) as Inspection;
    }
    if (seen.errorDisplay) problems.push(`Storybook error display: ${seen.errorDisplay}`);
    if (seen.undefinedTags.length) problems.push(`undefined custom elements: ${seen.undefinedTags.join(', ')}`);
    if (!seen.tag) problems.push(`no custom element rendered${seen.component ? ` (expected <${seen.component}>)` : ''}`);
    else if (!seen.hasShadow) problems.push(`<${seen.tag}> has no shadow root`);
    else if (!emptyAllowed && !seen.hasContent) problems.push(`<${seen.tag}> rendered no shadow content`);
    else if (!emptyAllowed && !seen.visible) problems.push(`<${seen.tag}> is not visible (hidden or zero height)`);
    if (seen.others.length) problems.push(`elements without shadow root: ${seen.others.join(', ')}`);
    if (screenshots) await page.screenshot({ path: join(screenshots, `${entry.id}.png`), fullPage: true });
  } catch (error) {
    problems.push(`check failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    // Leave the story while still listening: its late errors count for it, not for the next story.
    await page.goto('about:blank').catch(() => {});
    page.off('pageerror', onPageError);
    page.off('console', onConsole);
    page.off('response', onFailedResponse);
  }
  return problems;
}

async function main() {
  const indexFile = join(dir, 'index.json');
  if (!existsSync(indexFile)) {
    console.error(`${indexFile} is missing: build Storybook first (storybook build -o .storybook-static).`);
    return 2;
  }
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, Entry> };
  const stories = Object.values(index.entries).filter((e) => e.type === 'story' && (!only || e.id.includes(only)));
  if (!stories.length) {
    console.error('No stories found in index.json.');
    return 2;
  }
  if (screenshots) mkdirSync(screenshots, { recursive: true });

  const { server, origin } = await serve(dir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let passed = 0;
  let failed = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // One page, reloaded per story (a full navigation, so no story's DOM or state carries over; the
    // bundle comes from the cache): opening a page per story costs seconds on a busy machine.
    let page = await context.newPage();
    for (const entry of stories) {
      if (page.isClosed()) page = await context.newPage();
      const problems = await checkStory(page, origin, entry);
      if (problems.length) {
        failed++;
        console.log(`✗ ${entry.id}`);
        for (const p of [...new Set(problems)]) console.log(`    ${p}`);
      } else {
        passed++;
        console.log(`✓ ${entry.id}`);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
