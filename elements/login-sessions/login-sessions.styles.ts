import { css } from 'lit';

export const loginSessionsStyles = css`
  :host {
    display: block;
  }
  .cards {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.25);
  }
  .head {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .head h3 {
    margin: 0;
    flex: 1;
  }
  h3:focus {
    outline: none;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.session {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.75) 0;
    border-top: 1px solid var(--_border);
  }
  li.session:first-child {
    border-top: none;
  }
  .icon {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .icon svg {
    width: 22px;
    height: 22px;
  }
  li.current .icon {
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .what {
    flex: 1;
    min-width: 0;
  }
  .title {
    font-weight: 600;
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.92em;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
  }
  .when {
    position: relative;
    border-bottom: 1px dotted currentColor;
    cursor: help;
  }
  .when .tip {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .when:hover .tip,
  .when:focus .tip,
  .when:focus-visible .tip {
    clip: auto;
    width: auto;
    height: auto;
    overflow: visible;
    left: 0;
    bottom: calc(100% + 6px);
    z-index: 2;
    background: var(--_text);
    color: var(--_surface);
    padding: 4px 8px;
    border-radius: 6px;
    font-size: 0.85em;
    box-shadow: var(--_shadow);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.5);
    border-top: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.85em;
    border-top: none;
  }
  tr.failure td {
    background: var(--_danger-soft);
  }
  tr.failure td:first-child {
    box-shadow: inset 3px 0 0 var(--_danger);
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
    margin-top: calc(var(--_space) * 0.75);
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
    li.session {
      flex-wrap: wrap;
    }
    thead {
      display: none;
    }
    tr {
      display: block;
      border-top: 1px solid var(--_border);
      padding: 6px 0;
    }
    td {
      display: block;
      border: none;
      padding: 2px 8px;
    }
  }
`;
