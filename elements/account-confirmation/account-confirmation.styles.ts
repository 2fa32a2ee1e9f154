import { css } from 'lit';

export const accountConfirmationStyles = css`
  :host {
    display: block;
    margin-bottom: calc(var(--_space) * 1.25);
  }
  :host([hidden]) {
    display: none;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .banner {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.6);
  }
  .banner h3 {
    margin: 0;
  }
  .banner p {
    margin: 0;
  }
  .profile dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) * 0.4) calc(var(--_space) * 1);
    margin: 0;
  }
  .profile dt {
    color: var(--_muted);
  }
  .profile dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  form.inline {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    align-items: end;
    flex-wrap: wrap;
  }
  form.inline .field {
    flex: 1 1 200px;
    max-width: 320px;
  }
  .code,
  .code-input {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.2em;
    max-width: 160px;
  }
  /* The theme's success green on its soft background is 4.48:1; body text keeps it readable. */
  .alert.success {
    color: var(--_text);
  }
`;
