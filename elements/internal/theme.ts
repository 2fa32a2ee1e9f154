import { css } from 'lit';
import { dialogStyles } from './dialog.styles';

/**
 * Design tokens. Public knobs are `--sk-*` custom properties a host sets on any ancestor; they
 * inherit through every shadow root. Elements read the private `--_*` copies, which pick the
 * light or dark value by the `sk-theme` attribute the base element reflects.
 */
export const tokens = css`
  :host {
    --_font: var(--sk-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--sk-radius, 8px);
    --_space: var(--sk-space, 16px);
    --_bg: var(--sk-bg, #f6f7f9);
    --_surface: var(--sk-surface, #ffffff);
    --_surface-2: var(--sk-surface-2, #f1f3f6);
    --_text: var(--sk-text, #16181d);
    --_muted: var(--sk-text-muted, #5b6270);
    --_border: var(--sk-border, #d9dde3);
    --_accent: var(--sk-accent, #2f5bea);
    --_accent-text: var(--sk-accent-text, #ffffff);
    --_accent-soft: var(--sk-accent-soft, #e8eeff);
    --_danger: var(--sk-danger, #c0262d);
    --_danger-soft: var(--sk-danger-soft, #fdecec);
    --_danger-text: var(--sk-danger-text, #ffffff);
    --_success: var(--sk-success, #157538);
    --_success-soft: var(--sk-success-soft, #e7f6ec);
    --_warning: var(--sk-warning, #9a5b00);
    --_warning-soft: var(--sk-warning-soft, #fff4e0);
    --_focus: var(--sk-focus-ring, #2f5bea);
    --_shadow: var(--sk-shadow, 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 10%));
    color-scheme: light;
    font-family: var(--_font);
    color: var(--_text);
    font-size: 14px;
    line-height: 1.5;
  }
  :host([sk-theme='dark']) {
    --_bg: var(--sk-dark-bg, #0f1115);
    --_surface: var(--sk-dark-surface, #171a21);
    --_surface-2: var(--sk-dark-surface-2, #20242d);
    --_text: var(--sk-dark-text, #e8eaef);
    --_muted: var(--sk-dark-text-muted, #a0a7b4);
    --_border: var(--sk-dark-border, #2f3440);
    --_accent: var(--sk-dark-accent, #7a9cff);
    --_accent-text: var(--sk-dark-accent-text, #0b1020);
    --_accent-soft: var(--sk-dark-accent-soft, #1f2a4d);
    --_danger: var(--sk-dark-danger, #ff7b7b);
    --_danger-soft: var(--sk-dark-danger-soft, #3a1c1f);
    --_danger-text: var(--sk-dark-danger-text, #1a0708);
    --_success: var(--sk-dark-success, #5fd38b);
    --_success-soft: var(--sk-dark-success-soft, #16301f);
    --_warning: var(--sk-dark-warning, #f5b94d);
    --_warning-soft: var(--sk-dark-warning-soft, #33280f);
    --_focus: var(--sk-dark-focus-ring, #7a9cff);
    --_shadow: var(--sk-dark-shadow, 0 1px 3px rgb(0 0 0 / 40%));
    /* On a dark page a light veil hardly shows: <sk-dialog> darkens more so the dialog stands out. */
    --_backdrop: rgb(0 0 0 / 65%);
    color-scheme: dark;
  }
  :host([sk-compact]) {
    --_space: var(--sk-compact-space, 10px);
    font-size: 13px;
  }
  :host([hidden]) {
    display: none !important;
  }
`;

const controlBase = css`
  * {
    box-sizing: border-box;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.25);
    box-shadow: var(--_shadow);
  }
  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 0.5);
    line-height: 1.3;
  }
  h2 {
    font-size: 1.15em;
  }
  /* Card titles: one size in every element. */
  h3 {
    font-size: 1.1em;
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  .muted {
    color: var(--_muted);
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .row {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    align-items: center;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: 4px;
  }
  .field {
    display: flex;
    flex-direction: column;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
    margin-block-start: 4px;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
    margin-block-start: 4px;
  }
  /* checkField(): the box before its label, the error and hint lined up under the label. */
  .check-field {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: calc(var(--_space) * 0.6);
    align-items: start;
  }
  .check-field input {
    margin: 3px 0 0;
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .check-field label {
    margin: 0;
  }
  .check-field .hint,
  .check-field .field-error {
    grid-column: 2;
    margin-block-start: 0;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 0.45) calc(var(--_space) * 0.6);
    width: 100%;
    min-height: 36px;
  }
  select {
    min-height: calc(1.5em + var(--_space) * 0.9 + 2px);
  }
  /* Addresses are typed and read left to right in every language (Chromium does so for type=tel
     itself): on a right-to-left page a half-typed "name@" would otherwise show as "@name". */
  input[type='email'],
  input[type='url'] {
    direction: ltr;
  }
  /* As specific as the rule above (its two :not()s count), or the neutral border wins (#13.13). */
  input[aria-invalid='true']:not([type='checkbox']):not([type='radio']),
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input[readonly] {
    background: var(--_surface-2);
    color: var(--_muted);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: calc(var(--_space) * 0.4) calc(var(--_space) * 0.9);
    min-height: 36px;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    text-decoration: none;
  }
  button:hover:not(:disabled) {
    background: var(--_surface-2);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button.primary:hover:not(:disabled) {
    background: var(--_accent);
    filter: brightness(1.08);
  }
  button.danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  button.danger.solid {
    background: var(--_danger);
    color: var(--_danger-text);
  }
  button.danger.solid:hover:not(:disabled) {
    background: var(--_danger);
    filter: brightness(1.08);
  }
  button.link {
    border: none;
    background: none;
    color: var(--_accent);
    padding: 0;
    min-height: 0;
    font-weight: 500;
  }
  button.link:hover:not(:disabled) {
    background: none;
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .alert {
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.8);
    border: 1px solid transparent;
  }
  .alert.error {
    background: var(--_danger-soft);
    color: var(--_danger);
    border-color: color-mix(in srgb, var(--_danger) 30%, transparent);
  }
  .alert.success {
    background: var(--_success-soft);
    color: var(--_success);
    border-color: color-mix(in srgb, var(--_success) 30%, transparent);
  }
  .alert.warning {
    background: var(--_warning-soft);
    color: var(--_warning);
    border-color: color-mix(in srgb, var(--_warning) 30%, transparent);
  }
  .badge {
    display: inline-block;
    font-size: 0.8em;
    font-weight: 600;
    border-radius: 999px;
    padding: 1px 8px;
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .badge.success {
    background: var(--_success-soft);
    color: var(--_success);
  }
  .badge.danger {
    background: var(--_danger-soft);
    color: var(--_danger);
  }
  .badge.accent {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .badge.warning {
    background: var(--_warning-soft);
    color: var(--_warning);
  }
  /* renderTask()'s rows while nothing is known yet: visible, or a loading card looks empty. */
  .skeleton {
    height: 2.5em;
    border-radius: calc(var(--_radius) * 0.75);
    background: linear-gradient(90deg, var(--_surface-2), var(--_border), var(--_surface-2));
    background-size: 200% 100%;
    animation: sk-shimmer 1.2s ease-in-out infinite;
  }
  .skeleton + .skeleton {
    margin-block-start: calc(var(--_space) * 0.6);
  }
  @keyframes sk-shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * Shared control styles: buttons, inputs, cards, messages, and native dialogs (the same styles
 * object `<sk-dialog>` uses). Parts stay on the elements.
 */
export const controls = [controlBase, dialogStyles];
