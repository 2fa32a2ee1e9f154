import { css } from 'lit';

/** The sign-in screens (<sign-in-form>, <forgot-password>, <two-factor-challenge>): one centred column of fields. */
export const authColumnStyles = css`
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
`;

/** A card's title row with its actions at the end (the sessions and activity cards). */
export const cardHeadStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
    margin-block-end: calc(var(--_space) * 0.5);
  }
  .head h3 {
    margin: 0;
    flex: 1;
  }
`;
