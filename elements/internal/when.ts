import { css, html } from 'lit';
import type { DisplayPreferences } from './context';
import { formatDateTime, relativeTime } from './format';

/**
 * A relative time ("3 minutes ago") that shows the exact time, in the user's timezone and format,
 * on hover and on keyboard focus (sessions and login activity).
 */
export function whenTemplate(iso: string, preferences: DisplayPreferences, locale?: string) {
  const exact = formatDateTime(iso, preferences);
  return html`<time class="when" datetime=${iso} tabindex="0" title=${exact}>${relativeTime(iso, Date.now(), locale)}<span class="tip">${exact}</span></time>`;
}

/** The styles of `whenTemplate()`: the tip is visually hidden until hover or focus. */
export const whenStyles = css`
  .when {
    position: relative;
    border-block-end: 1px dotted currentColor;
    cursor: help;
  }
  .when .tip {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .when:hover .tip,
  .when:focus .tip {
    clip: auto;
    width: auto;
    height: auto;
    overflow: visible;
    inset-inline-start: 0;
    inset-block-end: calc(100% + 6px);
    z-index: 2;
    background: var(--_text);
    color: var(--_surface);
    padding: 4px 8px;
    border-radius: 6px;
    font-size: 0.85em;
    box-shadow: var(--_shadow);
  }
`;
