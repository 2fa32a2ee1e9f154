import { css } from 'lit';

/** The ring beside "Saving…" and "Uploading…". */
export const spinnerStyles = css`
  .spinner {
    width: 14px;
    height: 14px;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-right-color: transparent; /* rtl-ok: a spinning ring's gap, the same in either direction */
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;

export const profileFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: calc(var(--_space) * 0.9) calc(var(--_space) * 1);
  }
  .wide {
    grid-column: 1 / -1;
  }
  textarea {
    min-height: 96px;
    resize: vertical;
  }
  /* The bio's counter is its hint (field()): the hint's colour and size, at the end of the line. */
  .counter {
    display: block;
    text-align: end;
  }
  .counter.over {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    flex-wrap: wrap;
  }
  @media (max-width: 640px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`;
