import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { E2E_PASSWORD, newPage, signInThroughUi, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

const running = useProductInChromium();

describe('the settings page: preferences, privacy, connected accounts, billing', () => {
  it('changes the theme, and it is still applied after a reload', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await signUpThroughUi(page, uniqueEmail('theme'));
    await page.getByRole('tab', { name: 'Preferences' }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.locator('account-preferences').getByText('Saved').waitFor();
    const theme = () => page.locator('profile-settings').getAttribute('sk-theme');
    expect(await theme()).toBe('dark');
    const background = () => page.locator('profile-settings').evaluate((el) => getComputedStyle(el).backgroundColor);
    const dark = await background();
    await page.reload();
    await page.getByRole('tablist').waitFor();
    await expect.poll(theme).toBe('dark');
    expect(await background()).toBe(dark);
    await page.getByRole('tab', { name: 'Preferences' }).click();
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(theme).toBe('light');
    expect(await background()).not.toBe(dark);
    await context.close();
  });

  it('exports the data as a downloaded JSON file', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    const email = uniqueEmail('export');
    await signUpThroughUi(page, email, E2E_PASSWORD, 'Export Person');
    await page.getByRole('tab', { name: 'Notifications & Privacy' }).click();
    await page.getByRole('button', { name: 'Download my data' }).click();
    await page.getByRole('dialog').getByLabel('Your password').fill(E2E_PASSWORD);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/-data-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(data.profile).toMatchObject({ email, displayName: 'Export Person' });
    expect(data.loginActivity.length).toBeGreaterThan(0);
    expect(data.notifications.marketing).toBe(false);
    expect(JSON.stringify(data)).not.toMatch(/argon2|tokenHash|passwordHash/);
    await context.close();
  });

  it('connects a Google account through the sandbox popup', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await signUpThroughUi(page, uniqueEmail('oauth'));
    await page.getByRole('tab', { name: 'Connected accounts' }).click();
    const google = page.locator('connected-accounts li[data-provider=google]');
    await expect.poll(() => google.textContent()).toContain('Sandbox');
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Connect Google' }).click();
    const popup = await popupOpened;
    await popup.getByText('Sandbox — this is a local test provider').waitFor();
    await popup.getByLabel(/Email of the sandbox Google account/).fill('ada.sandbox@gmail.example');
    await popup.getByRole('button', { name: 'Authorize' }).click();
    await popup.waitForEvent('close');
    await expect.poll(() => google.textContent()).toContain('ada.sandbox@gmail.example');
    await page.getByText('Google is connected.').waitFor();

    // The linked account now signs in: sign out, then the full-page flow back to the page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.goto(`${running.product.url}/api/auth/oauth/google?returnTo=/`);
    await page.getByText('Sandbox — this is a local test provider').waitFor();
    await page.getByLabel(/Email of the sandbox Google account/).fill('ada.sandbox@gmail.example');
    const back = page.waitForRequest((req) => req.isNavigationRequest() && new URL(req.url()).searchParams.get('oauth') === 'signed_in');
    await page.getByRole('button', { name: 'Authorize' }).click();
    await back;
    await page.getByRole('tablist').waitFor();
    // Signed in; the page tidied the redirect's marker out of the address.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('shows the demo billing plan', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await signUpThroughUi(page, uniqueEmail('billing'));
    await page.getByRole('tab', { name: 'Billing' }).click();
    await page.getByText('Visa ending in 4242').waitFor();
    await page.getByText('Team (sample plan)').waitFor();
    await context.close();
  });

  it('deletes the account; signing in again fails', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    const email = uniqueEmail('delete');
    await signUpThroughUi(page, email);
    await page.getByRole('tab', { name: 'Notifications & Privacy' }).click();
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await page.getByText('Account deletion is permanent and cannot be undone.').waitFor();
    await page.getByRole('dialog').getByLabel('Your password').fill(E2E_PASSWORD);
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await signInThroughUi(page, email);
    await page.getByText('The email or password is not correct.').waitFor();
    expect(await page.getByRole('tablist').count()).toBe(0);
    await context.close();
  });
});
