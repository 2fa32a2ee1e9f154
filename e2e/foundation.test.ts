import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, signInThroughUi, signUpThroughUi, startProduct, uniqueEmail, type StartedProduct } from './harness';

let product: StartedProduct;
let browser: Browser;
beforeAll(async () => {
  product = await startProduct();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('npm start on a fresh PGlite directory', () => {
  it('says pglite on /api/health', async () => {
    expect(await (await fetch(`${product.url}/api/health`)).json()).toEqual({ ok: true, db: 'pglite' });
  });

  it('signs up, signs out, signs in, and shows the settings shell', async () => {
    const { page, context } = await newPage(browser, product.url);
    const email = uniqueEmail();
    await signUpThroughUi(page, email, undefined, 'Katherine Johnson');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Katherine Johnson');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

    await signInThroughUi(page, email);
    await page.getByRole('tablist').waitFor();
    const tabs = await page.getByRole('tab').allTextContents();
    expect(tabs.map((t) => t.trim())).toEqual(expect.arrayContaining(['Profile', 'Security', 'Contacts', 'Preferences']));
    await page.reload();
    await page.getByRole('tablist').waitFor(); // the session cookie survives a reload
    await context.close();
  });

  it('serves the page with security headers', async () => {
    const res = await fetch(product.url + '/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});
