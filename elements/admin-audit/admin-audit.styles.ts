import { css } from 'lit';

export const adminAuditStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    padding: calc(var(--_space) * 0.6) 0;
    border-bottom: 1px solid var(--_border);
    display: grid;
    gap: 2px;
  }
  li:last-child {
    border-bottom: none;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .changes {
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.92em;
  }
  .changes li {
    border: none;
    padding: 0;
    display: block;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    background: var(--_surface-2);
    border-radius: 4px;
    padding: 0 4px;
  }
  .more {
    margin-top: calc(var(--_space) * 0.75);
  }
`;
