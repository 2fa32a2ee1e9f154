/**
 * Registers a settings-kit element. A tag that is already defined (the kit loaded twice, e.g. once
 * from a CDN file and once from a bundle, or two element modules of different builds) is left
 * as it is: the first definition wins and the second registration is a no-op, never an error.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, element);
}

/** `@customElement(tag)` for settings-kit elements: `defineElement` as a (legacy) class decorator. */
export const customElement =
  (tag: string) =>
  <T extends CustomElementConstructor>(element: T): T => {
    defineElement(tag, element);
    return element;
  };
