import { expect, fixture, oneEvent } from '@open-wc/testing';
import { apiError, demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import type { EmailChange } from './email-change';
import './email-change';

const $ = <T extends HTMLElement = HTMLElement>(el: EmailChange, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const button = (el: EmailChange, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

describe('<email-change>', () => {
  it('ties a refused password to its field, then sends the link and says where it went', async () => {
    let refuse = true;
    const el = document.createElement('email-change');
    el.email = 'ada@example.com';
    await fixture(
      providerWith(
        {
          'GET /me': { user: demoUser },
          'POST /profile/email': () => (refuse ? apiError(400, 'invalid_password', 'Check the fields.', { password: 'The password is not correct.' }) : { pendingEmail: 'new@example.com' }),
        },
        el,
      ),
    );
    await until(() => $(el, 'button'));
    button(el, 'Change email').click();
    await until(() => $(el, '#ec-new'));
    $<HTMLInputElement>(el, '#ec-new')!.value = 'new@example.com';
    $<HTMLInputElement>(el, '#ec-password')!.value = 'wrong';
    button(el, 'Send link').click();
    await until(() => $(el, '#ec-password-error'));
    expect($(el, '#ec-password-error')!.textContent).to.contain('not correct');
    expect($(el, '#ec-password')!.getAttribute('aria-invalid')).to.equal('true');
    refuse = false;
    const requested = oneEvent(el, 'sk-email-change-requested');
    button(el, 'Send link').click();
    expect((await requested).detail.pendingEmail).to.equal('new@example.com');
    await until(() => !$(el, 'form'));
    expect(el.shadowRoot!.textContent).to.contain('We sent a link to new@example.com.');
  });

  it('says a failed "Send again" in the live region, and cancels the change', async () => {
    const el = document.createElement('email-change');
    el.email = 'ada@example.com';
    el.pendingEmail = 'new@example.com';
    await fixture(
      providerWith(
        {
          'GET /me': { user: demoUser },
          'POST /profile/email/resend': apiError(429, 'rate_limited', 'Wait a moment before sending another link.'),
          'DELETE /profile/email': () => undefined,
        },
        el,
      ),
    );
    await until(() => $(el, '.alert.warning'));
    button(el, 'Send again').click();
    await until(() => $(el, '.sr-only[role=status]')!.textContent!.includes('Wait a moment'));
    const cancelled = oneEvent(el, 'sk-email-change-cancelled');
    button(el, 'Cancel change').click();
    await cancelled;
    await until(() => !$(el, '.alert.warning'));
    expect($(el, '.sr-only[role=status]')!.textContent).to.contain('The email change was cancelled.');
  });
});
