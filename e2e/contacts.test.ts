import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, outbox, signUpThroughUi, uniqueEmail, useProductInChromium } from './harness';

// The demo as a designer runs it: `npm start` without provider credentials, so SMS goes to the
// outbox and RingCentral is the labelled local sandbox the server starts.
const running = useProductInChromium();

async function openContacts(page: Page) {
  await signUpThroughUi(page, uniqueEmail('contacts'));
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: '+ Add user contact' }).waitFor();
}

async function addContact(page: Page, input: { channel: string; provider: string; value: string }) {
  await page.getByRole('button', { name: '+ Add user contact' }).click();
  // <sk-dialog> slots its content: the fields are children of the <sk-dialog> element, not of the native <dialog> inside it.
  const dialog = page.locator('user-contacts sk-dialog#contact-dialog', { has: page.getByRole('heading', { name: 'Add user contact' }) });
  await dialog.getByLabel('Channel').selectOption({ label: input.channel });
  await dialog.getByLabel('Provider').selectOption({ label: input.provider });
  await dialog.getByLabel('Phone number').fill(input.value);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const rowOf = (page: Page, value: string) => page.locator(`user-contacts li[part=row][data-value="${value}"]`);

describe('contacts in the demo', () => {
  it('adds an SMS contact, verifies it with the code from the outbox, makes it default and sends a test', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await openContacts(page);
    await expect.poll(() => page.locator('user-contacts').getByText('No contacts yet.').isVisible()).toBe(true);

    await addContact(page, { channel: 'SMS', provider: 'Twilio', value: '+1 415 555 0111' });
    await addContact(page, { channel: 'SMS', provider: 'Twilio', value: '+1 415 555 0112' });
    const row = rowOf(page, '+14155550111');
    await expect.poll(() => row.textContent()).toContain('Pending');

    await row.getByRole('button', { name: /^Verify/ }).click();
    const verify = page.locator('user-contacts sk-dialog#verify-dialog', { has: page.getByRole('heading', { name: 'Verify +1 415 555 0111' }) });
    await verify.getByText('We sent a 6-digit code').waitFor();
    const [message] = await outbox(running.product.url, '+14155550111');
    const code = /(\d{6})/.exec(message!.body)![1]!;
    await verify.getByLabel('Verification code').fill(code);
    await verify.getByRole('button', { name: 'Verify', exact: true }).click();
    await verify.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('Active');

    // Everything but the row's one contextual action sits in its "⋯" menu.
    await row.getByRole('button', { name: /^More actions for SMS/ }).click();
    await row.getByRole('menuitem', { name: /^Set as default/ }).click();
    await expect.poll(() => row.locator('[data-default]').count()).toBe(1);
    expect(await page.locator('user-contacts [data-default]').count()).toBe(1);

    await row.getByRole('button', { name: /^More actions for SMS/ }).click();
    await row.getByRole('menuitem', { name: /^Send test/ }).click();
    await page.locator('user-contacts').getByText('Test message sent to +1 415 555 0111.').waitFor();
    const [test] = await outbox(running.product.url, '+14155550111');
    expect(test!.body).toMatch(/This is a test/);
    await context.close();
  });

  it('registers a RingCentral number through the sandbox popup', async () => {
    const { page, context } = await newPage(running.browser, running.product.url);
    await openContacts(page);
    await page.locator('user-contacts').getByText('RingCentral sandbox.').waitFor();
    await addContact(page, { channel: 'Call', provider: 'RingCentral', value: '+1 415 555 0120' });
    const row = rowOf(page, '+14155550120');
    await expect.poll(() => row.textContent()).toContain('Not registered');
    const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByRole('button', { name: /^Register/ }).click()]);
    await popup.getByText('RingCentral sandbox').first().waitFor();
    await popup.getByRole('button', { name: 'Allow' }).click();
    // The callback page tells the opener and closes itself; the row loses its Register button.
    await popup.waitForEvent('close', { timeout: 15_000 });
    await expect.poll(() => row.textContent()).not.toContain('Not registered');
    await page.locator('user-contacts').getByText('is registered with RingCentral').waitFor();
    // Now it can be verified: the code goes by SMS through the sandbox, which keeps a copy in the outbox.
    await row.getByRole('button', { name: /^Verify/ }).click();
    const verify = page.locator('user-contacts sk-dialog#verify-dialog', { has: page.getByRole('heading', { name: /Verify/ }) });
    await verify.getByText('We sent a 6-digit code').waitFor();
    const [message] = await outbox(running.product.url, '+14155550120');
    expect(message!.body).toMatch(/^\[RingCentral sandbox\]/);
    await verify.getByLabel('Verification code').fill(/(\d{6})/.exec(message!.body)![1]!);
    await verify.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('Active');
    // Its accessible name starts with the visible "Test call" (WCAG 2.5.3, issue 13.6).
    await row.getByRole('button', { name: /^More actions for Call/ }).click();
    await row.getByRole('menuitem', { name: /^Test call/ }).click();
    await page.locator('user-contacts').getByText('Test call placed to +1 415 555 0120.').waitFor();
    expect((await outbox(running.product.url, '+14155550120'))[0]!.body).toContain('RingOut call');
    await context.close();
  });
});
