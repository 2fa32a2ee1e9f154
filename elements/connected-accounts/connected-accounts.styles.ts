import { css } from 'lit';

export const connectedAccountsStyles = css`
  :host {
    display: block;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.75) 0;
    border-top: 1px solid var(--_border);
  }
  li:first-child {
    border-top: none;
  }
  .logo {
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-weight: 700;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  .who {
    flex: 1;
    min-width: 0;
  }
  .name {
    font-weight: 600;
    display: flex;
    gap: 6px;
    align-items: center;
    flex-wrap: wrap;
  }
  .detail {
    color: var(--_muted);
    font-size: 0.92em;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .badge.sandbox {
    background: var(--_warning-soft);
    color: var(--_warning);
  }
`;
