import { describe, expect, it } from 'vitest';
import { newPage, outbox, signInThroughUi, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

const running = useProductInChromium();

/** The demo admin's credentials, as `npm start` printed them on a fresh database. */
function demoAdmin() {
  const match = /Demo admin account created: (\S+) \/ password: (\S+)/.exec(running.product.output());
  if (!match) throw new Error(`no demo admin in the output:\n${running.product.output()}`);
  return { email: match[1]!, password: match[2]! };
}

describe('account administration, end to end', () => {
  it('the demo admin turns on phone confirmation; a new user signs up and confirms with the SMS code from the outbox', async () => {
    const admin = demoAdmin();
    const { page: adminPage, context: adminContext } = await newPage(running.browser, running.product.url);
    await signInThroughUi(adminPage, admin.email, admin.password);
    await adminPage.getByRole('tab', { name: 'Admin' }).waitFor({ timeout: 60_000 }); // a busy machine: the first page load compiles a lot
    await adminPage.getByRole('tab', { name: 'Admin' }).click();
    await adminPage.getByLabel('Phone is confirmed').waitFor({ timeout: 60_000 });
    await adminPage.getByLabel('Phone is confirmed').check();
    await adminPage.getByRole('button', { name: 'Save policy' }).click();
    await adminPage.getByText('Saved. The policy applies').waitFor();
    // the admin's own account now has a phone to confirm too: the banner shows at once
    await adminPage.getByRole('heading', { name: 'Confirm your phone number' }).waitFor();
    await adminContext.close();

    const { page, context } = await newPage(running.browser, running.product.url);
    const email = uniqueEmail('confirm');
    await signUpThroughUi(page, email, undefined, 'Mary Jackson');
    await page.getByRole('heading', { name: 'Confirm your phone number' }).waitFor();
    const phone = `+141555501${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').waitFor();
    const [sms] = await outbox(running.product.url, phone);
    expect(sms?.kind).toBe('sms');
    const code = /(\d{6})/.exec(sms!.body)![1]!;
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText('Thank you: your phone number is confirmed.').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'Confirm your phone number' }).count()).toBe(0);
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()).user);
    expect(me.pendingConfirmations).toEqual([]);
    await context.close();
  });

  it('an admin without 2FA cannot require it (that would lock them out): the reason shows and the policy page stays', async () => {
    const admin = demoAdmin();
    const { page, context } = await newPage(running.browser, running.product.url);
    await signInThroughUi(page, admin.email, admin.password);
    await page.getByRole('tab', { name: 'Admin' }).click();
    const policy = page.locator('account-policy');
    await policy.getByLabel('Require two-factor authentication').check();
    await policy.getByText('set it up for your own account first, or this policy cannot be saved').waitFor();
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await policy.getByRole('alert').filter({ hasText: 'requiring it now would lock you out of this page' }).waitFor();
    // Nothing was saved and nothing closed: the tabs and the unsaved choice are still there.
    expect(await page.getByRole('tablist').count()).toBe(1);
    expect(await policy.getByLabel('Require two-factor authentication').isChecked()).toBe(true);
    const saved = await page.evaluate(async () => (await (await fetch('/api/admin/account-policy')).json()).requireTwoFactor);
    expect(saved).toBe(false);
    const sessions = await page.evaluate(async () => (await fetch('/api/security/sessions')).status);
    expect(sessions).toBe(200);
    await context.close();
  });
});
