import { expect, fixture } from '@open-wc/testing';
import { apiError, demoUser, type FakeHandler } from './fake-api';
import { providerWith } from './fake-provider';
import { until } from './element-helpers';

/**
 * The load-error check every element that reads data shares: `route` fails first, so the card shows
 * an alert with "Try again"; once the route answers `answer`, clicking it shows the content
 * (`loaded(root)` turns true) and the alert goes. The element is made from `tag` inside a provider
 * on a fake API (`routes` adds what else it reads).
 */
export async function expectTryAgainLoads(tag: string, route: string, answer: unknown, loaded: (root: ShadowRoot) => unknown, routes: Record<string, FakeHandler | object> = {}) {
  let fail = true;
  const el = document.createElement(tag);
  const failing = () => (fail ? apiError(500, 'internal', 'Something went wrong on our side. Please try again.') : answer);
  await fixture(providerWith({ 'GET /me': demoUser, ...routes, [route]: failing }, el));
  const root = el.shadowRoot!;
  await until(() => root.querySelector('[part=load-error]'));
  expect(root.querySelector('[part=load-error]')!.textContent).to.contain('Something went wrong');
  fail = false;
  [...root.querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
  await until(() => loaded(root));
  expect(root.querySelector('[part=load-error]')).to.equal(null);
  return el;
}
