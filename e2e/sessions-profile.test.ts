import { describe, expect, it } from 'vitest';
import { AVATAR_SAMPLES } from '../server/features/profile/avatar.fixtures';
import { E2E_PASSWORD, newPage, signInThroughUi, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

const running = useProductInChromium();

describe('sessions and profile, end to end', () => {
  it('revokes the other browser from the first; the second is signed out on its next request', async () => {
    const email = uniqueEmail('sessions');
    const first = await newPage(running.browser, running.product.url);
    await signUpThroughUi(first.page, email, E2E_PASSWORD, 'Session Owner');
    const second = await newPage(running.browser, running.product.url);
    await signInThroughUi(second.page, email);
    await second.page.getByRole('tablist').waitFor();

    await first.page.getByRole('tab', { name: 'Security' }).click();
    const sessions = first.page.locator('login-sessions');
    await expect.poll(() => sessions.locator('li.session').count()).toBe(2);
    await expect.poll(() => sessions.locator('li.session.current').textContent()).toContain('This device');
    await sessions.locator('li.session:not(.current)').getByRole('button', { name: /^Sign out / }).click();
    await sessions.getByRole('button', { name: 'Sign out session' }).click();
    await expect.poll(() => sessions.locator('li.session').count()).toBe(1);

    // The very next request of the second browser is refused, and its page shows the sign-in form.
    const status = await second.page.evaluate(async () => (await fetch('/api/me', { credentials: 'include' })).status);
    expect(status).toBe(401);
    await second.page.reload();
    await second.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    // The first browser is still signed in.
    expect(await first.page.evaluate(async () => (await fetch('/api/me', { credentials: 'include' })).status)).toBe(200);

    // Its login activity lists both sign-ins.
    await expect.poll(() => sessions.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await first.context.close();
    await second.context.close();
  });

  it('uploads an avatar and shows it in the header of <profile-settings>', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await signUpThroughUi(page, uniqueEmail('avatar'), E2E_PASSWORD, 'Picture Person');
    await page.getByRole('tab', { name: 'Profile' }).click();
    const form = page.locator('profile-form');
    await form.locator('form').waitFor();
    await form.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(AVATAR_SAMPLES.png) });
    await form.getByRole('button', { name: 'Upload photo' }).click();
    await form.getByText('Photo updated.').waitFor();

    const headerImg = page.locator('profile-settings header .avatar img');
    await headerImg.waitFor();
    expect(await headerImg.getAttribute('src')).toMatch(/\/api\/avatars\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => headerImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    const served = await fetch(new URL((await headerImg.getAttribute('src'))!, running.product.url));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    await context.close();
  });
});
