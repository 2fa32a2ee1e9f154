import { css } from 'lit';

export const twoFactorChallengeStyles = css`
  .countdown {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  button[type='submit'] {
    width: 100%;
  }
  .other-ways {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
  }
  .check {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 500;
  }
  .check input {
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .code-field input.code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.4em;
    letter-spacing: 0.35em;
    text-align: center;
  }
`;
