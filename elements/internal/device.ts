import { msg, str } from '@lit/localize';
import { html, svg } from 'lit';

/** What the server knows of a browser (sessions, login activity, trusted devices). */
export interface DeviceInfo {
  device?: string | null;
  browser?: string | null;
  os?: string | null;
}

/** "Chrome on macOS", else the device type, else "Unknown device" — one wording for every list. */
export function deviceLabel(d: DeviceInfo): string {
  if (d.browser && d.os) return msg(str`${d.browser} on ${d.os}`);
  return d.browser || d.os || d.device || msg('Unknown device');
}

/** The country's name in the user's language, or null for a code that is not a region. */
export function countryName(code: string | null | undefined, locale?: string): string | null {
  if (!code || !/^[A-Z]{2}$/.test(code)) return null;
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A flag and the country's name in the user's language; "Local network" and "Unknown location" as words. */
export function countryLabel(code: string | null | undefined, locale?: string) {
  const name = countryName(code, locale);
  if (!name) return code === 'Local network' ? msg('Local network') : msg('Unknown location');
  const flag = String.fromCodePoint(...[...code!].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
  return html`<span class="country"><span aria-hidden="true">${flag}</span> ${name}</span>`;
}

const icon = (body: ReturnType<typeof svg>) =>
  html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** An outline icon for the device type (desktop unless the server said Mobile or Tablet). */
export function deviceIcon(device: string | null | undefined) {
  if (device === 'Mobile') return icon(svg`<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>`);
  if (device === 'Tablet') return icon(svg`<rect x="4" y="2" width="16" height="20" rx="2"/><path d="M11 18h2"/>`);
  return icon(svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`);
}
