import { css } from 'lit';

/** A full-width table with start-aligned cells (login activity, the accounts manager); each element adds its row borders. */
export const dataTableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_space) * 0.5);
  }
`;
