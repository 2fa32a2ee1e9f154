import { css } from 'lit';

export const avatarPickerStyles = css`
  :host {
    display: block;
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
  input[type='file'] {
    display: none;
  }
  .notice {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
  }
`;
