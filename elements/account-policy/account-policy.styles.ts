import { css } from 'lit';
import { settingsFormStyles } from '../internal/settings-form.styles';

export const accountPolicyStyles = css`
  ${settingsFormStyles}
  fieldset {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 4px;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: calc(var(--_space) * 0.6);
    align-items: start;
  }
  .check input {
    margin: 3px 0 0;
    width: 18px;
    height: 18px;
    accent-color: var(--_accent);
  }
  .check label {
    margin: 0;
  }
  .check .hint {
    grid-column: 2;
    margin-top: 0;
  }
  .minutes {
    max-width: 200px;
  }
  /* The timeframe in words ("7 days") on its own line above the explanation. */
  .human {
    display: block;
  }
  .actions {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    align-items: center;
    flex-wrap: wrap;
  }
  .twilio {
    margin-top: calc(var(--_space) * 1.25);
  }
  hr {
    border: none;
    border-top: 1px solid var(--_border);
    margin: 0;
    width: 100%;
  }
  /* The theme's success green on its soft background is 4.48:1; body text keeps it readable. */
  .alert.success {
    color: var(--_text);
  }
`;
