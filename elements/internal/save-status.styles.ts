import { css } from 'lit';

/**
 * The "Saving… / Saved" line of a card that saves as you change it (preferences, notifications,
 * privacy): at the card's top end corner, beside its title, green once saved.
 */
export const saveStatusStyles = css`
  /* In the corner, not on a line of its own: no empty line is kept for it. */
  .card {
    position: relative;
  }
  .status {
    position: absolute;
    inset-block-start: calc(var(--_space) * 1.25);
    inset-inline-end: calc(var(--_space) * 1.25);
    max-width: 55%;
    text-align: end;
    font-size: 0.9em;
    line-height: 1.3;
    color: var(--_muted);
  }
  .status.saved {
    color: var(--_success);
  }
`;
