import { fakeApi } from './fake-api';
import '../elements/settings-provider/settings-provider';

/**
 * A `<settings-provider>` holding `child`, with a fake API handed in before the child connects.
 * (Binding `.client=${fakeApi(…)}` in a lit template does not work: lit takes the callable client
 * proxy for a directive. Set the property imperatively, as here.)
 */
export function providerWith<E extends HTMLElement>(routes: Parameters<typeof fakeApi>[0], child: E, options?: Parameters<typeof fakeApi>[1]): HTMLElement & { child: E } {
  const provider = document.createElement('settings-provider');
  provider.client = fakeApi(routes, options);
  provider.append(child);
  return Object.assign(provider, { child });
}

/** Puts a dark story on a dark backdrop (the canvas stays light unless a theme is picked in the toolbar). */
export function onDark<E extends HTMLElement>(el: E): E {
  el.style.cssText = 'display:block;background:#0f1115;padding:16px';
  return el;
}

/** `document.createElement(tag)` with attributes and properties set. */
export function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  Object.assign(el, props);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** Waits until `selector` exists in the shadow root of the `tag` element inside `canvas`. */
export async function shadowOf(canvas: HTMLElement, tag: string, selector: string): Promise<ShadowRoot> {
  for (let i = 0; i < 200; i++) {
    const root = canvas.querySelector(tag)?.shadowRoot;
    if (root?.querySelector(selector)) return root;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${selector} did not appear in <${tag}>`);
}
