import { css } from 'lit';

export const profileFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1);
  }
  .avatar-row {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 1);
    flex-wrap: wrap;
  }
  .avatar {
    position: relative;
    width: 88px;
    height: 88px;
    flex: none;
  }
  .avatar .picture {
    width: 100%;
    height: 100%;
    border-radius: 50%;
    overflow: hidden;
    background: var(--_accent-soft);
    color: var(--_accent);
    display: grid;
    place-items: center;
    font-size: 1.8em;
    font-weight: 700;
    border: 1px solid var(--_border);
  }
  .avatar img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .avatar .camera {
    position: absolute;
    inset-inline-end: -2px;
    bottom: -2px;
    width: 34px;
    height: 34px;
    min-height: 0;
    padding: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-text);
    border: 2px solid var(--_surface);
  }
  .avatar .camera:hover:not(:disabled) {
    background: var(--_accent);
    filter: brightness(1.08);
  }
  .avatar .camera svg {
    width: 18px;
    height: 18px;
  }
  .avatar.uploading .picture {
    opacity: 0.55;
  }
  .avatar-actions {
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
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
  .counter {
    color: var(--_muted);
    font-size: 0.85em;
    text-align: end;
    margin-top: 4px;
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
  input[type='file'] {
    display: none;
  }
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
  @media (max-width: 640px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`;
