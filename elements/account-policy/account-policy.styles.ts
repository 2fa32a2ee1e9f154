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
  /* A warning under a checkbox's explanation, on its own line. */
  .note {
    margin-block-start: 6px;
  }
  /* A box of its own, not an inline span whose padding would cover the line above. */
  .note .alert {
    display: inline-block;
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
