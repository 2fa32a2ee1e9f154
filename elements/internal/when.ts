import { css, html } from 'lit';
import type { DisplayPreferences } from './context';
import { formatDateTime, relativeTime } from './format';

/**
 * A relative time followed by the absolute one in the user's chosen date format, timezone and
 * clock: "2 hours ago · 3 Dec 2026, 14:05" (sessions and login activity). Both are visible, so the
 * chosen format is not hidden in a tooltip and works the same on touch screens.
 */
export function whenTemplate(iso: string, preferences: DisplayPreferences, locale?: string) {
  const exact = formatDateTime(iso, preferences);
  // tabindex -1: "Load more" moves focus to the first new row's time; it is not a tab stop.
  return html`<time class="when" datetime=${iso} tabindex="-1"
    ><span class="relative">${relativeTime(iso, Date.now(), locale)}</span> <span aria-hidden="true">·</span> <span class="exact">${exact}</span></time
  >`;
}

/** The styles of `whenTemplate()`: on narrow cards the absolute date moves whole onto the next line (the dot stays behind). */
export const whenStyles = css`
  .when:focus {
    outline: none;
  }
  .when .exact {
    white-space: nowrap;
  }
`;
