import { css } from 'lit';

export const signInFormStyles = css`
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
