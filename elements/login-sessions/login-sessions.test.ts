import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { providerWith } from '../../test/fake-provider';
import { signOut, signUpFresh, until } from '../../test/element-helpers';
import { signInElsewhere } from '../../test/sessions-helpers';
import type { SkDialog } from '../internal/sk-dialog';
import type { LoginSessions } from './login-sessions';
import './login-sessions';
import '../settings-provider/settings-provider';

const inner = (el: LoginSessions, tag: 'active-sessions' | 'login-activity') => el.shadowRoot!.querySelector(tag);
const $$ = (root: Element | null | undefined, selector: string) => [...(root?.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const me = { user: { id: 'u', email: 'a@example.com', displayName: 'A', role: 'user', status: 'active', twoFactorEnabled: false, avatarUrl: null, preferences: {}, timezone: null, language: null } };

describe('<login-sessions> (the pair)', () => {
  afterEach(signOut);

  it('shows <active-sessions> above <login-activity>, forwards page-size, and lets sk-session-revoked out', async () => {
    const account = await signUpFresh();
    for (let i = 0; i < 3; i++) await signInElsewhere(account.email);
    const el = await fixture<LoginSessions>(html`<login-sessions page-size="2"></login-sessions>`);
    await until(() => $$(inner(el, 'active-sessions'), 'li.session').length === 4 && $$(inner(el, 'login-activity'), 'tbody tr').length === 2);
    const [first, second] = [...el.shadowRoot!.children];
    expect([first!.localName, second!.localName]).to.deep.equal(['active-sessions', 'login-activity']);

    const revoked = oneEvent(el, 'sk-session-revoked');
    $$(inner(el, 'active-sessions'), 'li.session button.danger')[0]!.click();
    const dialog = inner(el, 'active-sessions')!.shadowRoot!.querySelector<SkDialog>('sk-dialog')!;
    await until(() => dialog.open);
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await revoked).detail).to.have.property('id');
  });

  it('with no-activity shows the sessions only', async () => {
    await signUpFresh();
    const el = await fixture<LoginSessions>(html`<login-sessions no-activity></login-sessions>`);
    await until(() => $$(inner(el, 'active-sessions'), 'li.session').length === 1);
    expect(inner(el, 'login-activity')).to.equal(null);
  });

  it('keeps its ::part names: sessions, session, activity, attempt, dialog', async () => {
    const style = document.createElement('style');
    style.textContent = `
      login-sessions::part(sessions) { outline: 1px solid rgb(1, 2, 3); }
      login-sessions::part(session) { outline: 1px solid rgb(4, 5, 6); }
      login-sessions::part(activity) { outline: 1px solid rgb(7, 8, 9); }
      login-sessions::part(attempt) { outline: 1px solid rgb(10, 11, 12); }
      login-sessions::part(dialog) { outline: 1px solid rgb(13, 14, 15); }`;
    document.head.append(style);
    try {
      const account = await signUpFresh();
      await signInElsewhere(account.email);
      const el = await fixture<LoginSessions>(html`<login-sessions></login-sessions>`);
      const sessions = inner(el, 'active-sessions')!;
      const activity = inner(el, 'login-activity')!;
      await until(() => $$(sessions, 'li.session').length === 2 && $$(activity, 'tbody tr').length > 0);
      const outline = (e: Element) => getComputedStyle(e).outlineColor;
      expect(outline($$(sessions, '[part~=sessions]')[0]!)).to.equal('rgb(1, 2, 3)');
      expect(outline($$(sessions, '[part~=session]')[0]!)).to.equal('rgb(4, 5, 6)');
      expect(outline($$(activity, '[part~=activity]')[0]!)).to.equal('rgb(7, 8, 9)');
      expect(outline($$(activity, '[part~=attempt]')[0]!)).to.equal('rgb(10, 11, 12)');
      const native = sessions.shadowRoot!.querySelector('sk-dialog')!.shadowRoot!.querySelector('dialog')!;
      expect(outline(native)).to.equal('rgb(13, 14, 15)');
    } finally {
      style.remove();
    }
  });

  it('keeps the activity card when the server has no sessions to show', async () => {
    const el = document.createElement('login-sessions');
    await fixture(
      providerWith(
        { 'GET /me': me, 'GET /security/sessions': { available: false, sessions: [] }, 'GET /security/login-activity': { items: [], nextCursor: null }, 'GET /security/login-alerts': { newLoginEmail: false } },
        el,
      ),
    );
    await until(() => inner(el, 'active-sessions')?.hidden && $$(inner(el, 'login-activity'), '.empty').length === 1);
    expect(getComputedStyle(inner(el, 'active-sessions')!).display).to.equal('none');
  });

  it('is accessible', async () => {
    await signUpFresh();
    const el = await fixture<LoginSessions>(html`<login-sessions></login-sessions>`);
    await until(() => $$(inner(el, 'active-sessions'), 'li.session').length === 1 && $$(inner(el, 'login-activity'), 'tbody tr').length > 0);
    await expect(el).to.be.accessible();
  });
});
