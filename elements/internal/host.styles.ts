import { css } from 'lit';

/** A custom element is inline until told otherwise; a card or panel takes its own block. */
export const blockHostStyles = css`
  :host {
    display: block;
  }
`;
