import { css } from 'lit';
import { dataTableStyles } from '../internal/data-table.styles';

export const userAdminStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .toolbar {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
    align-items: end;
    margin-bottom: calc(var(--_space) * 0.75);
  }
  .toolbar .field {
    flex: 1 1 220px;
  }
  .toolbar .status-filter {
    flex: 0 1 170px;
  }
  .table-wrap {
    overflow-x: auto;
  }
  ${dataTableStyles}
  th,
  td {
    border-bottom: 1px solid var(--_border);
    vertical-align: middle;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.9em;
  }
  td.who {
    min-width: 160px;
  }
  td.who > div:first-child {
    font-weight: 600;
  }
  td.who .muted {
    font-weight: 400;
  }
  td.who .badge {
    margin-inline-start: 4px;
  }
  .email {
    color: var(--_muted);
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    justify-content: flex-end;
  }
  .last-admin {
    max-width: 24ch;
    text-align: end;
  }
  .actions button {
    white-space: nowrap;
    min-height: 30px;
    padding: 2px calc(var(--_space) * 0.6);
    font-size: 0.92em;
  }
  th {
    white-space: nowrap;
  }
  /* Outlined badges: coloured text on the surface keeps the contrast above 4.5:1 in both themes. */
  td .badge.badge {
    background: transparent;
    border: 1px solid currentColor;
  }
  .badge.success {
    color: var(--_success);
  }
  .badge.warning {
    color: var(--_warning);
  }
  .badge.danger {
    color: var(--_danger);
  }
  .badge.accent {
    color: var(--_accent);
  }
  .dot {
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_border);
    margin-inline-end: 6px;
  }
  .dot.online {
    background: var(--_success);
  }
  .pager {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    align-items: center;
    justify-content: flex-end;
    margin-top: calc(var(--_space) * 0.75);
  }
  /* Narrow: each account is a block (name, then status and last active, then the actions) instead of a table that scrolls sideways. */
  @container (max-width: 520px) {
    table,
    tbody,
    tr,
    td {
      display: block;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 12px;
      padding: calc(var(--_space) * 0.6) 0;
      border-bottom: 1px solid var(--_border);
    }
    td {
      border: none;
      padding: 0;
    }
    td.who,
    td:last-child {
      flex: 1 0 100%;
      min-width: 0;
    }
    .actions {
      justify-content: flex-start;
    }
    .last-admin {
      max-width: none;
      text-align: start;
    }
  }
`;
