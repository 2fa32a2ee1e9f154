import { css } from 'lit';

export const forgotPasswordStyles = css`
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    gap: calc(var(--_space) * 1);
    flex-wrap: wrap;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 4px;
  }
  .check-field label {
    font-weight: 500;
  }
  button[type='submit'] {
    width: 100%;
  }
  .back {
    text-align: center;
  }
  .code {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.2em;
  }
  /* The theme's success green on its soft background is 4.48:1; body text keeps it readable. */
  .alert.success {
    color: var(--_text);
  }
`;
