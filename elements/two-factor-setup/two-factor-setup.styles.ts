import { css } from 'lit';

export const twoFactorSetupStyles = css`
  :host {
    display: block;
  }
  .status {
    display: grid;
    gap: 4px;
  }
  .status > .text {
    margin: 0;
  }
  /* The title with its On/Off badge beside it: the state reads at a glance (#13.18). */
  .title-row {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
  .title-row h3 {
    margin: 0;
  }
  .badge.state-badge {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    font-size: 0.875rem;
    line-height: 1.4;
    padding: 2px 10px;
    border: 1px solid currentColor;
  }
  /* Neutral: the theme's text colour on its second surface, not the faint muted grey. */
  .badge.state-badge.neutral {
    background: var(--_surface-2);
    color: var(--_text);
    border-color: var(--_border);
  }
  .state-icon {
    font-size: 0.9em;
  }
  .small {
    font-size: 0.9em;
  }
  .methods {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .methods li {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.8);
  }
  /* When a narrow row wraps, its button stays on the right. */
  .methods li > button {
    margin-inline-start: auto;
  }
  .methods li + li {
    border-top: 1px solid var(--_border);
  }
  .method-name {
    font-weight: 600;
  }
  .steps {
    margin: 0;
    padding-inline-start: 1.3em;
    color: var(--_muted);
  }
  .step-title {
    margin: calc(var(--_space) * 0.25) 0 0;
    font-size: 1em;
  }
  .step-title:focus {
    outline: none;
  }
  .step-title:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .scan {
    display: flex;
    gap: calc(var(--_space) * 1.25);
    align-items: flex-start;
    flex-wrap: wrap;
  }
  .qr {
    /* The QR code stays dark on white in both themes, so every camera reads it. */
    background: #fff;
    padding: 8px;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    width: 184px;
    height: 184px;
    flex: none;
  }
  .key-box {
    flex: 1 1 220px;
    min-width: 0;
    gap: calc(var(--_space) * 0.5);
  }
  .key {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.05em;
    letter-spacing: 0.06em;
    word-spacing: 0.3em;
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 8px 10px;
    overflow-wrap: anywhere;
    user-select: all;
  }
  .code-field input.code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.4em;
    letter-spacing: 0.35em;
    max-width: 12ch;
    text-align: center;
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13ch, 1fr));
    gap: 6px 16px;
    margin: 0;
    padding-block: calc(var(--_space) * 0.8);
    padding-inline: calc(var(--_space) * 2.2) calc(var(--_space) * 0.8);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .codes code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.05em;
    letter-spacing: 0.04em;
  }
  .codes li::marker {
    color: var(--_muted);
  }
  .check {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 600;
  }
  .check input {
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .resend {
    font-variant-numeric: tabular-nums;
  }
`;
