/**
 * Registers elements when the page first uses them: each tag in `loaders` is imported (and so
 * defined) as soon as an element with that tag is in the document, or right away if it already is.
 * Elements that the kit itself renders inside its shadow roots are imported by their parent (the
 * tabs of <profile-settings>); a host that renders a lone element inside its own shadow DOM imports
 * `settings-kit/elements/<tag>` for it.
 */
export function autoload(loaders: Record<string, () => Promise<unknown>>): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const pending = new Map(Object.entries(loaders).filter(([tag]) => !customElements.get(tag)));
  const load = (tag: string) => {
    const loader = pending.get(tag);
    if (!loader) return;
    pending.delete(tag);
    if (!pending.size) observer.disconnect();
    loader().catch((error) => console.error(`settings-kit: <${tag}> could not be loaded`, error));
  };
  const scan = (root: Element | Document) => {
    if (!pending.size) return;
    if (root instanceof Element && pending.has(root.localName)) load(root.localName);
    for (const el of root.querySelectorAll([...pending.keys()].join(','))) load(el.localName);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  });
  if (!pending.size) return;
  observer.observe(document, { childList: true, subtree: true });
  scan(document);
}
