import { css } from 'lit';

export const profileSettingsStyles = css`
  :host {
    display: block;
    background: var(--_bg);
    min-height: 100%;
  }
  .page {
    max-width: 1040px;
    margin: 0 auto;
    padding: calc(var(--_space) * 1.5) var(--_space);
  }
  header {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    margin-bottom: calc(var(--_space) * 1.25);
  }
  header h1 {
    font-size: 1.5em;
    margin: 0;
  }
  .avatar {
    width: 44px;
    height: 44px;
    border-radius: 50%;
    background: var(--_accent-soft);
    color: var(--_accent);
    display: grid;
    place-items: center;
    font-weight: 700;
    overflow: hidden;
    flex: none;
  }
  .avatar img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .who {
    display: flex;
    flex-direction: column;
    min-width: 0;
    flex: 0 1 auto;
  }
  .who h1,
  .who .email {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who .email {
    color: var(--_muted);
  }
  header button {
    flex: none;
    white-space: nowrap;
  }
  .layout {
    display: grid;
    grid-template-columns: 220px minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    align-items: start;
  }
  [role='tablist'] {
    display: flex;
    flex-direction: column;
    gap: 2px;
    position: sticky;
    top: var(--_space);
  }
  [role='tab'] {
    justify-content: flex-start;
    border: none;
    background: none;
    text-align: start;
    font-weight: 500;
    color: var(--_muted);
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
  }
  /* Inset: the narrow layout's scrolling tab row would clip a ring drawn outside the tab. */
  [role='tab']:focus-visible {
    outline-offset: -2px;
  }
  [role='tab']:hover {
    background: var(--_surface-2);
    color: var(--_text);
  }
  [role='tab'][aria-selected='true'],
  [role='tab'][aria-selected='true']:hover:not(:disabled) {
    background: var(--_accent-soft);
    color: var(--_accent);
    font-weight: 600;
  }
  [role='tabpanel'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.25);
    min-width: 0;
  }
  [role='tabpanel'] > h2 {
    font-size: 1.25em;
    margin: 0;
  }
  .center {
    padding: calc(var(--_space) * 3) 0;
    text-align: center;
    color: var(--_muted);
  }
  /* Signed out: the sign-in card in the middle of the screen, not at its top. */
  .signed-out-page sign-in-form {
    --sk-auth-min-height: calc(100dvh - var(--_space) * 3);
  }
  .signed-out {
    padding: calc(var(--_space) * 3) var(--_space);
    text-align: center;
  }
  .signed-out h1 {
    font-size: 1.25em;
    margin-block: 0 calc(var(--_space) * 0.5);
  }
  @media (max-width: 760px) {
    .layout {
      grid-template-columns: 1fr;
    }
    [role='tablist'] {
      flex-direction: row;
      overflow-x: auto;
      position: static;
      padding-bottom: 4px;
      border-bottom: 1px solid var(--_border);
      scrollbar-width: none;
      /* The row scrolls sideways: fade its right edge so the tabs beyond it show they are there. */
      mask-image: linear-gradient(to right, #000 calc(100% - 32px), transparent);
      scroll-padding-inline: var(--_space);
    }
    [role='tablist']:has([role='tab']:last-child[aria-selected='true']) {
      mask-image: none;
    }
    [role='tab'] {
      white-space: nowrap;
      flex: none;
    }
    header h1 {
      font-size: 1.25em;
    }
  }
`;
