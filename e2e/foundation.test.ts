import { describe, expect, it } from 'vitest';
import { newPage, signInThroughUi, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

const running = useProductInChromium();

describe('npm start on a fresh PGlite directory', () => {
  it('says pglite on /api/health', async () => {
    expect(await (await fetch(`${running.product.url}/api/health`)).json()).toMatchObject({ ok: true, db: 'pglite', database: 'up' });
  });

  it('signs up, signs out, signs in, and shows the settings shell', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
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
    const res = await fetch(running.product.url + '/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});
