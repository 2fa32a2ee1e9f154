import { css } from 'lit';

/** A settings card's form (account policy, display preferences): a column of unframed fieldsets. */
export const settingsFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.1);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
  }
`;
