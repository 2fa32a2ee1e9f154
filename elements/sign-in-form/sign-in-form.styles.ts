import { css } from 'lit';

export const signInFormStyles = css`
  :host {
    display: block;
    max-width: 400px;
    margin-inline: auto;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.9);
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
