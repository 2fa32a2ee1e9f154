import { describe, expect, it } from 'vitest';
import { E2E_PASSWORD, newPage, outbox, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

// A passkey end to end with Chromium's virtual authenticator (DevTools protocol): resident keys
// and user verification, as a phone or laptop with a screen lock has them. The page is on
// http://localhost:PORT — a secure context whose host is a valid relying-party id (an IP is not).
const running = useProductInChromium();

describe('passkeys and email change, end to end', () => {
  it('adds a passkey in the Security tab, signs out, and signs in with it alone', async () => {
    const localUrl = running.product.url.replace('127.0.0.1', 'localhost');
    const { page, context } = await newPage(running.browser, localUrl);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    const email = uniqueEmail('passkey');
    await signUpThroughUi(page, email, E2E_PASSWORD, 'Passkey Person');
    await page.getByRole('tab', { name: 'Security' }).click();
    const card = page.locator('user-passkeys');
    await card.getByText('No passkeys yet.').waitFor();
    await card.getByRole('button', { name: 'Add a passkey' }).click();
    await card.getByLabel('Name').fill('Test laptop');
    await card.getByLabel('Current password').fill(E2E_PASSWORD);
    await card.getByRole('button', { name: 'Continue' }).click();
    await card.locator('li[part=passkey]').filter({ hasText: 'Test laptop' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The sign-in form offers the passkey in the email field's autofill (conditional mediation) as
    // well as on its button. Chromium's virtual authenticator answers the autofill request by itself,
    // so whichever comes first signs in: the passkey alone, no password typed.
    const tabs = page.getByRole('tablist').waitFor();
    await Promise.race([tabs, page.getByRole('button', { name: 'Sign in with a passkey' }).click({ timeout: 10_000 }).catch(() => {})]);
    await tabs;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Passkey Person');

    // The activity says how: a passkey.
    // Read as the page reads it; on a refusal the message carries the answer, so a failure says why.
    const activity = await page.evaluate(async () => {
      const res = await fetch('/api/security/login-activity', { credentials: 'include' });
      return { status: res.status, body: await res.text() };
    });
    expect(activity.status, activity.body).toBe(200);
    expect((JSON.parse(activity.body) as { items: { method?: string }[] }).items.map((i) => i.method)).toContain('passkey');
    await context.close();
  });

  it('changes the sign-in email from the Profile tab through the link sent to the new address', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    const email = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    await signUpThroughUi(page, email, E2E_PASSWORD, 'Email Mover');
    const field = page.locator('email-change');
    await field.getByRole('button', { name: 'Change email' }).click();
    await field.getByLabel('New email').fill(newEmail);
    await field.getByLabel('Current password').fill(E2E_PASSWORD);
    await field.getByRole('button', { name: 'Send link' }).click();
    await field.getByRole('status').filter({ hasText: 'Open it to sign in with that address' }).waitFor();

    let link: string | undefined;
    await expect.poll(async () => (link = (await outbox(running.product.url, newEmail)).find((m) => m.subject?.startsWith('Confirm your new email'))?.body.match(/https?:\/\/\S+/)?.[0])).toBeTruthy();
    expect((await outbox(running.product.url, email)).some((m) => m.body.includes('#sk-cancel-email='))).toBe(true);
    // The mail's link opens in a new tab of the same browser.
    const opened = await context.newPage();
    await opened.goto(link!);
    await opened.getByText(`Your sign-in email is now ${newEmail}`).waitFor();
    await expect.poll(() => opened.locator('profile-settings header .email').textContent()).toBe(newEmail);
    expect(opened.url()).not.toContain('sk-change-email');
    await context.close();
  });
});
