/**
 * Screenshots of every tab of the demo, as a reviewer looks at them: 1280 and 390 wide, light and dark.
 *
 *   node --import tsx scripts/screenshots.ts [out-dir]     # default: ./screenshots (git-ignored)
 *
 * Starts `npm start` on a fresh embedded database (the e2e harness), signs in as the demo admin it
 * prints (so the Admin tab is there too) and saves `<tab>-<width>-<theme>.png` full-page shots.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, signInThroughUi, startProduct } from '../e2e/harness';

const out = resolve(process.argv[2] ?? 'screenshots');
mkdirSync(out, { recursive: true });

const product = await startProduct();
const browser = await launchChromium();
try {
  // The demo admin `npm start` makes on a fresh database sees every tab, the Admin tab too.
  const admin = /Demo admin account created: (\S+) \/ password: (\S+)/.exec(product.output());
  if (!admin) throw new Error(`no demo admin in the output:\n${product.output()}`);
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('[page error]', e.message));
      await page.goto(product.url);
      await page.getByLabel('Email').waitFor();
      await page.screenshot({ path: `${out}/sign-in-${width}-${colorScheme}.png`, fullPage: true });
      await signInThroughUi(page, admin[1]!, admin[2]!);
      await page.getByRole('tablist').waitFor();
      await page.waitForLoadState('networkidle'); // the Billing and Connected accounts tabs appear after their probes
      const tabs = await page.getByRole('tab').allTextContents();
      for (const name of tabs) {
        await page.getByRole('tab', { name: name.trim(), exact: true }).click();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300); // let the tab's first paint settle for the picture (a script, not a test)
        const slug = name.trim().toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
        await page.screenshot({ path: `${out}/${slug}-${width}-${colorScheme}.png`, fullPage: true });
      }
      await context.close();
    }
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await product.stop();
}
