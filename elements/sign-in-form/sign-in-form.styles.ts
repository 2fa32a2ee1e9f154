import { css } from 'lit';

export const signInFormStyles = css`
  /* The card in the middle of its column, vertically too, once the column gives it a height. */
  :host {
    display: flex;
    flex-direction: column;
    justify-content: center;
    min-height: var(--sk-auth-min-height, auto);
  }
  .brand {
    display: flex;
    justify-content: center;
  }
  .brand[hidden] {
    display: none;
  }
  ::slotted([slot='brand']) {
    max-height: 48px;
    max-width: 100%;
  }
  h2 {
    text-align: center;
  }
  .switch {
    text-align: center;
    color: var(--_muted);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  button[type='submit'] {
    width: 100%;
  }
`;
