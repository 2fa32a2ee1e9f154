import { demoUser, fakeApi } from '../test/fake-api';
import { onDark } from '../test/fake-provider';
import '../elements/index';

/**
 * `<settings-provider>` with a fake API around one element, built imperatively: Lit would take the
 * client (a Hono RPC proxy, which answers every property) for a directive in `.client=${…}`.
 */
export function withFakeApi(tag: string, routes: Parameters<typeof fakeApi>[0], options: { delay?: number; preferences?: Record<string, unknown> } = {}): HTMLElement {
  const provider = document.createElement('settings-provider');
  provider.client = fakeApi({ 'GET /me': { user: { ...demoUser, preferences: { ...demoUser.preferences, ...options.preferences } } }, ...routes }, { delay: options.delay });
  provider.innerHTML = `<${tag}></${tag}>`;
  return options.preferences?.theme === 'dark' ? onDark(provider) : provider;
}

/** Never answers: keeps a loading state on screen. */
export const never = () => new Promise<never>(() => {});

/** Runs `action` on the element's shadow root once it has rendered `selector`. */
export async function whenRendered(canvas: HTMLElement, tag: string, selector: string, action: (root: ShadowRoot) => void) {
  for (let i = 0; i < 100; i++) {
    const root = canvas.querySelector(tag)?.shadowRoot;
    if (root?.querySelector(selector)) return action(root);
    await new Promise((r) => setTimeout(r, 30));
  }
}
