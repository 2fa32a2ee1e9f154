/** Text made safe for HTML element content and quoted attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * An empty icon for the small pages the server renders (OAuth results, RingCentral registration,
 * the local provider sandboxes): without it the browser asks for `/favicon.ico` and logs a 404.
 * A page with a strict CSP must allow `img-src data:` for it.
 */
export const EMPTY_FAVICON = '<link rel="icon" href="data:,">';
