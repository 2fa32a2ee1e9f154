import { css } from 'lit';

/** Toggle rows shared by notification-settings and privacy-settings. */
export const toggleRowStyles = css`
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
    align-items: flex-start;
    gap: calc(var(--_space) * 0.75);
    padding: calc(var(--_space) * 0.7) 0;
    border-top: 1px solid var(--_border);
  }
  li:first-child {
    border-top: none;
  }
  .text {
    flex: 1;
    min-width: 0;
  }
  .text label,
  .text .label {
    margin: 0;
  }
  .text .hint {
    margin-top: 2px;
  }
  input[type='checkbox'][role='switch'] {
    appearance: none;
    flex: none;
    width: 40px;
    height: 22px;
    margin: 2px 0 0;
    border-radius: 999px;
    background: var(--_border);
    position: relative;
    cursor: pointer;
    transition: background 0.15s;
  }
  input[type='checkbox'][role='switch']::after {
    content: '';
    position: absolute;
    top: 3px;
    left: 3px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: var(--_surface);
    box-shadow: 0 1px 2px rgb(0 0 0 / 30%);
    transition: transform 0.15s;
  }
  input[type='checkbox'][role='switch']:checked {
    background: var(--_accent);
  }
  input[type='checkbox'][role='switch']:checked::after {
    transform: translateX(18px);
  }
  input[type='checkbox'][role='switch']:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .status {
    min-height: 1.5em;
    font-size: 0.9em;
  }
  .status.saved {
    color: var(--_success);
  }
`;

export const notificationSettingsStyles = css`
  .always {
    white-space: nowrap;
  }
`;
