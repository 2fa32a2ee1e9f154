import { css } from 'lit';

export const userPasskeysStyles = css`
  :host {
    display: block;
  }
  .head h3 {
    margin: 0;
  }
  #pk-title:focus {
    outline: none;
  }
  .actions {
    display: flex;
    gap: calc(var(--_space) * 0.5);
  }
  form.add {
    margin: calc(var(--_space) * 0.75) 0 var(--_space);
    max-width: 28rem;
  }
`;
