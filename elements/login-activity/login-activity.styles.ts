import { css } from 'lit';
import { dataTableStyles } from '../internal/data-table.styles';

export const loginActivityStyles = css`
  ${dataTableStyles}
  th,
  td {
    border-block-start: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.85em;
    border-block-start: none;
  }
  tr.failure td {
    background: var(--_danger-soft);
  }
  tr.failure td:first-child {
    box-shadow: inset 3px 0 0 var(--_danger);
  }
  :host(:dir(rtl)) tr.failure td:first-child {
    box-shadow: inset -3px 0 0 var(--_danger);
  }
  .result {
    white-space: nowrap;
  }
  /* Outlined: a failed attempt's row is tinted already, so a tinted pill would vanish into it. */
  .result .badge {
    background: transparent;
    box-shadow: inset 0 0 0 1px currentColor;
  }
  .scroll {
    overflow-x: auto;
  }
  .more {
    margin-block-start: calc(var(--_space) * 0.75);
    display: flex;
    justify-content: center;
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 500;
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  .empty {
    color: var(--_muted);
    padding: calc(var(--_space) * 0.75) 0;
  }
  @media (max-width: 560px) {
    thead {
      display: none;
    }
    tr {
      display: block;
      border-block-start: 1px solid var(--_border);
      padding: 6px 0;
    }
    td {
      display: block;
      border: none;
      padding: 2px 8px;
    }
  }
`;
