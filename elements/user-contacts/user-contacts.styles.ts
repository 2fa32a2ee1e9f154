import { css } from 'lit';

export const userContactsStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    align-items: flex-start;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  .head > div {
    flex: 1 1 240px;
  }
  .help {
    margin: calc(var(--_space) * 0.75) 0 0;
    padding-block: calc(var(--_space) * 0.6);
    padding-inline: calc(var(--_space) * 2) calc(var(--_space) * 0.8);
    background: var(--_surface-2);
    border-radius: calc(var(--_radius) * 0.75);
    color: var(--_muted);
    font-size: 0.92em;
  }
  .help li + li {
    margin-top: 2px;
  }
  .sandbox-note {
    margin-top: calc(var(--_space) * 0.75);
  }
  .group {
    margin-top: calc(var(--_space) * 1.1);
  }
  .group h4 {
    margin: 0 0 calc(var(--_space) * 0.35);
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--_muted);
    display: flex;
    gap: 6px;
    align-items: center;
  }
  ul.rows {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  ul.rows > li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.65) calc(var(--_space) * 0.8);
    border-top: 1px solid var(--_border);
  }
  ul.rows > li:first-child {
    border-top: none;
  }
  ul.rows > li.is-default {
    background: color-mix(in srgb, var(--_accent-soft) 55%, transparent);
  }
  .who {
    flex: 1 1 220px;
    min-width: 0;
  }
  .value {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin-top: 2px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    justify-content: flex-end;
  }
  .actions button {
    min-height: 32px;
    padding: 4px 10px;
    font-size: 0.92em;
  }
  .empty {
    text-align: center;
    padding: calc(var(--_space) * 1.5) var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    margin-top: var(--_space);
  }
  .skeleton {
    height: 52px;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface-2), var(--_border), var(--_surface-2));
    background-size: 200% 100%;
    animation: shimmer 1.2s ease-in-out infinite;
    margin-top: calc(var(--_space) * 0.6);
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  dialog form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.8);
  }
  .grid {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: calc(var(--_space) * 0.8);
  }
  @media (max-width: 480px) {
    .grid {
      grid-template-columns: 1fr;
    }
    /* The empty label lines the checkbox up with its neighbour's field; alone in its row it is only a gap. */
    .grid .label.align {
      display: none;
    }
  }
  .check {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    font-weight: 500;
  }
  .check input {
    margin-top: 3px;
  }
  .dialog-actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
  .code-input {
    font-size: 1.3em;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
    max-width: 12ch;
  }
  .static {
    padding: 8px 0;
    font-weight: 600;
  }
`;
