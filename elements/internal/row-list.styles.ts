import { css } from 'lit';

/**
 * A bordered list of rows (trusted devices, passkeys): what the row is at the start (`.what` with a
 * `.name` and `.small` lines), its buttons at the end (the left on a right-to-left page), wrapping
 * under it on narrow cards.
 */
export const rowListStyles = css`
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .list li {
    display: flex;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.8);
  }
  .list li + li {
    border-block-start: 1px solid var(--_border);
  }
  .what {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .name {
    font-weight: 600;
  }
  .small {
    font-size: 0.9em;
  }
`;
