import { css } from 'lit';
import { saveStatusStyles } from '../internal/save-status.styles';

/** Toggle rows shared by notification-settings and privacy-settings. */
const toggleRowStylesOwn = css`
  :host {
    display: block;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.7) 0;
    border-top: 1px solid var(--_border);
  }
  li:first-child {
    border-top: none;
  }
  .text {
    flex: 1 1 14em;
    min-width: 0;
  }
  /* A row with a button (not a switch) lets the button go under the text when the card is narrow. */
  li:has(> button) {
    flex-wrap: wrap;
  }
  .text label,
  .text .label {
    margin: 0;
  }
  .text .hint {
    margin-top: 2px;
  }
  input[type='checkbox'][role='switch'] {
    appearance: none;
    flex: none;
    width: 40px;
    height: 22px;
    margin: 2px 0 0;
    border-radius: 999px;
    /* Off: a track that stands out from the card (3:1, WCAG non-text contrast) in both themes. */
    background: color-mix(in srgb, var(--_muted) 75%, var(--_surface));
    position: relative;
    cursor: pointer;
    transition: background 0.15s;
  }
  input[type='checkbox'][role='switch']::after {
    content: '';
    position: absolute;
    top: 3px;
    inset-inline-start: 3px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: #fff;
    box-shadow: 0 1px 2px rgb(0 0 0 / 30%);
    transition: transform 0.15s;
  }
  input[type='checkbox'][role='switch']:checked {
    background: var(--_accent);
  }
  input[type='checkbox'][role='switch']:checked::after {
    transform: translateX(18px); /* rtl-ok: mirrored under :host(:dir(rtl)) below */
  }
  :host(:dir(rtl)) input[type='checkbox'][role='switch']:checked::after {
    transform: translateX(-18px); /* rtl-ok: the knob moves to the start side on a right-to-left page */
  }
  input[type='checkbox'][role='switch']:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
`;
export const toggleRowStyles = [toggleRowStylesOwn, saveStatusStyles];

export const notificationSettingsStyles = css`
  .always {
    white-space: nowrap;
  }
`;
