import { expect, fixture, html } from '@open-wc/testing';
import { apiError, demoUser } from '../../test/fake-api';
import { providerWith } from '../../test/fake-provider';
import { until } from '../../test/element-helpers';
import type { AdminAudit, AuditEntry } from './admin-audit';
import './admin-audit';

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `a${i}`,
  at: new Date(Date.UTC(2026, 0, 15, 10, i)).toISOString(),
  actor: { id: 'u1', email: 'ada@example.com' },
  action: 'account_policy.update',
  targetType: 'account_policy',
  targetId: '1',
  before: { autoActivate: true },
  after: { autoActivate: false },
  ...over,
});

// Only an admin can read the audit log, and the shared test server's first account is not ours to
// claim: a fake API answers.
async function mount(handler: (cursor: string | null) => Response | object) {
  const el = document.createElement('admin-audit');
  el.pageSize = 2;
  await fixture(html`${providerWith({ 'GET /me': { user: demoUser }, 'GET /admin/audit': (req) => handler(new URL(req.url).searchParams.get('cursor')) }, el)}`);
  await until(() => el.shadowRoot!.querySelector('ol, [role=alert]') || el.shadowRoot!.textContent!.includes('No administrator'));
  return el as AdminAudit;
}

describe('<admin-audit>', () => {
  it('lists who changed what, with before and after, and pages back', async () => {
    const el = await mount((cursor) =>
      cursor === 'c1'
        ? { items: [entry(1, { action: 'user.update', before: { email: 'bob@example.com', role: 'user' }, after: { email: 'bob@example.com', role: 'admin' } })], nextCursor: null }
        : { items: [entry(3, { before: { onlineTimeframeMinutes: 10080, confirmation: 'none' }, after: { onlineTimeframeMinutes: 2160, confirmation: 'both' } }), entry(2)], nextCursor: 'c1' },
    );
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('[part=list] > li')).to.have.length(2);
    expect(root.textContent).to.contain('Account policy changed');
    expect(root.textContent).to.contain('ada@example.com');
    expect(root.querySelectorAll('.changes')[1]!.textContent).to.match(/Automatic account activation after creation\s*: On → Off/);
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Show older'))!.click();
    await until(() => root.querySelectorAll('[part=list] > li').length === 3);
    expect(root.textContent).to.contain('Account changed — bob@example.com');
    // Keys and values in words: durations as days and hours, choices by their labels, roles by name.
    const first = root.querySelector('[part=list] > li .changes')!.textContent!.replace(/\s+/g, ' ');
    expect(first).to.contain('Online status timeframe: 7 days → 1 day, 12 hours');
    expect(first).to.contain('Account is confirmed when: No confirmation → Email and phone are confirmed');
    expect(root.querySelectorAll('[part=list] > li')[2]!.textContent!.replace(/\s+/g, ' ')).to.contain('Role: User → Administrator');
    expect([...root.querySelectorAll('button')].some((b) => b.textContent!.includes('Show older'))).to.be.false;
  });

  it('shows the empty and the error state', async () => {
    const empty = await mount(() => ({ items: [], nextCursor: null }));
    expect(empty.shadowRoot!.textContent).to.contain('No administrator has changed anything yet.');
    const failed = await mount(() => apiError(403, 'admin_only', 'Only an administrator can do this.'));
    expect(failed.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Only an administrator');
  });

  it('loads the log when "Try again" is clicked after a failed load', async () => {
    let fail = true;
    const el = await mount(() => (fail ? apiError(500, 'internal', 'Something went wrong on our side.') : { items: [entry(1)], nextCursor: null }));
    const root = el.shadowRoot!;
    expect(root.querySelector('[part=load-error]')!.textContent).to.contain('Something went wrong');
    fail = false;
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await until(() => root.querySelectorAll('[part=list] > li').length === 1);
    expect(root.querySelector('[part=load-error]')).to.equal(null);
  });

  it('keeps the list when "Show older" fails, and says why under it', async () => {
    const el = await mount((cursor) => (cursor ? apiError(500, 'internal', 'The older entries could not be read.') : { items: [entry(2), entry(1)], nextCursor: 'c1' }));
    const root = el.shadowRoot!;
    [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Show older'))!.click();
    await until(() => root.querySelector('[role=alert]'));
    expect(root.querySelector('[role=alert]')!.textContent).to.contain('could not be read');
    expect(root.querySelectorAll('[part=list] > li')).to.have.length(2);
  });

  it('is accessible, light and dark', async () => {
    const el = await mount(() => ({ items: [entry(2), entry(1)], nextCursor: 'c1' }));
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
