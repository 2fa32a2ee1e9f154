import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { E2E_PASSWORD, newPage, outbox, signInThroughUi, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

const running = useProductInChromium();

const stepOf = (ms: number) => Math.floor(ms / 30_000);

describe('two-factor authentication in the demo, end to end', () => {
  it('signs up, enables TOTP from the key on the page, saves codes, then signs in with a code and with a recovery code', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    const signOut = async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    };
    const email = uniqueEmail('tfa');
    await signUpThroughUi(page, email);
    await page.getByRole('tab', { name: 'Security' }).click();

    const setup = page.locator('two-factor-setup');
    await setup.getByRole('button', { name: 'Set up an authenticator app' }).click({ timeout: 60_000 });
    await setup.getByLabel('Password').fill(E2E_PASSWORD);
    await setup.getByRole('button', { name: 'Continue' }).click();
    await setup.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await setup.locator('[part=key]').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const enrolledAt = Date.now();
    await setup.getByLabel('6-digit code').fill(await generate({ secret }));
    const codes = setup.locator('[part=codes] code');
    await codes.first().waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await expect.poll(() => setup.getByRole('button', { name: 'Done' }).isDisabled()).toBe(true);
    await setup.getByLabel('I have saved these codes').check();
    await setup.getByRole('button', { name: 'Done' }).click();
    await setup.getByText('A code is asked for after your password').waitFor();
    const mail = await outbox(running.product.url, email);
    expect(mail.map((m) => m.subject)).toContainEqual(expect.stringContaining('Two-factor authentication is on'));

    // Sign out and back in with a code from the app (the enrolment step is spent: wait for the next one).
    await signOut();
    await signInThroughUi(page, email);
    const form = page.locator('sign-in-form');
    await form.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await expect.poll(() => stepOf(Date.now()) > stepOf(enrolledAt), { timeout: 35_000, interval: 250 }).toBe(true);
    await form.getByLabel('Authentication code').fill(await generate({ secret }));
    await page.getByRole('tablist').waitFor();

    // And once more with a recovery code, typed in capitals without the dash.
    await signOut();
    await signInThroughUi(page, email);
    await form.getByRole('button', { name: 'Use a recovery code' }).click();
    await form.getByLabel('Recovery code').fill(recoveryCodes[0]!.replace('-', '').toUpperCase());
    await form.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('tablist').waitFor();
    await page.getByRole('tab', { name: 'Security' }).click();
    await setup.getByText('9 left').waitFor();

    // The same recovery code does not work twice.
    await signOut();
    await signInThroughUi(page, email);
    await form.getByRole('button', { name: 'Use a recovery code' }).click();
    await form.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await form.getByRole('button', { name: 'Verify' }).click();
    await form.getByText('That recovery code did not work').waitFor();
    await context.close();
  });

  it('turns on SMS codes with the code from the outbox, and signs in with a texted code', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    const email = uniqueEmail('sms');
    const phone = '+14155550142';
    const lastCode = async (after: string | null) => {
      let code: string | null = null;
      await expect
        .poll(async () => {
          const found = /(\d{6})/.exec((await outbox(running.product.url, phone))[0]?.body ?? '')?.[1] ?? null;
          code = found && found !== after ? found : null;
          return code;
        })
        .not.toBeNull();
      return code!;
    };
    await signUpThroughUi(page, email);
    await page.getByRole('tab', { name: 'Security' }).click();
    const setup = page.locator('two-factor-setup');
    await setup.getByRole('button', { name: 'Use text messages instead' }).click({ timeout: 60_000 });
    await setup.getByLabel('Mobile number').fill('+1 415 555 0142');
    await setup.getByLabel('Password').fill(E2E_PASSWORD);
    await setup.getByRole('button', { name: 'Send code' }).click();
    await setup.getByRole('button', { name: /Resend code in/ }).waitFor();
    const setupCode = await lastCode(null);
    await setup.getByLabel('6-digit code').fill(setupCode);
    await setup.getByLabel('I have saved these codes').check();
    await setup.getByRole('button', { name: 'Done' }).click();
    await setup.getByText('A code is asked for after your password').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await signInThroughUi(page, email);
    const form = page.locator('sign-in-form');
    await form.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await form.getByRole('button', { name: /Send a new code in/ }).waitFor();
    await form.getByLabel('Code from the text message').fill(await lastCode(setupCode));
    await page.getByRole('tablist').waitFor();
    await context.close();
  });
});
