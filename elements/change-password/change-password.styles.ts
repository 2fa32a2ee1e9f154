import { css } from 'lit';

export const changePasswordStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.9);
  }
  .field,
  .show {
    max-width: 480px;
  }
  .show label {
    font-weight: 500;
  }
  /* Inside field()'s hint, which already gives the size and the space above. */
  .strength {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .bar {
    flex: none;
    width: 120px;
    height: 6px;
    border-radius: 999px;
    background: var(--_surface-2);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    border-radius: inherit;
    transition: width 0.2s;
  }
  .bar .s0 {
    width: 10%;
    background: var(--_danger);
  }
  .bar .s1 {
    width: 35%;
    background: var(--_danger);
  }
  .bar .s2 {
    width: 65%;
    background: var(--_warning);
  }
  .bar .s3 {
    width: 100%;
    background: var(--_success);
  }
  [role='status']:empty {
    margin-top: calc(var(--_space) * -0.9);
  }
  .actions {
    display: flex;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
    flex-wrap: wrap;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar span {
      transition: none;
    }
  }
`;
