import { css } from 'lit';

export const activeSessionsStyles = css`
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
    border-block-start: 1px solid var(--_border);
  }
  li.session:first-child {
    border-block-start: none;
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
  .empty {
    color: var(--_muted);
    padding: calc(var(--_space) * 0.75) 0;
  }
  .actions {
    justify-content: flex-end;
  }
  @media (max-width: 560px) {
    li.session {
      flex-wrap: wrap;
    }
  }
`;
