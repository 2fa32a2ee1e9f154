import { css } from 'lit';

/**
 * The look of a modal `<dialog>`, said once: `<sk-dialog>` applies it in its own shadow root, and
 * `controls` carries the same object for the native dialogs of `confirmDialogTemplate()`. One
 * object, so a bundle with both holds its text once. Dark pages set `--_backdrop` (in `tokens`).
 */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: calc(var(--_space) * 1.25);
    max-width: min(480px, calc(100vw - 32px));
    width: 100%;
    box-shadow: 0 10px 40px rgb(0 0 0 / 25%);
    box-sizing: border-box;
  }
  dialog::backdrop {
    background: var(--_backdrop, rgb(10 12 16 / 45%));
  }
`;
