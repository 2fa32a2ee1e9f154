import { css } from 'lit';

export const trustedDevicesStyles = css`
  :host {
    display: block;
  }
  .head {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .head h3 {
    margin: 0;
  }
  #td-title:focus {
    outline: none;
  }
  .ip {
    font-variant-numeric: tabular-nums;
  }
  .empty {
    color: var(--_muted);
    margin: 0;
  }
`;
