import { css } from 'lit';

export const billingSummaryStyles = css`
  :host {
    display: block;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(120px, max-content) 1fr;
    gap: calc(var(--_space) * 0.6) calc(var(--_space) * 1.5);
    margin: 0 0 var(--_space);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  .card-number {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  a.button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
`;
