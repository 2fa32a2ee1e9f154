import { css } from 'lit';

export const oauthSignInStyles = css`
  :host {
    display: block;
    width: 100%;
    max-width: 400px;
    margin-inline: auto;
  }
  .divider {
    display: flex;
    align-items: center;
    gap: 10px;
    color: var(--_muted);
    margin: var(--_space) 0 calc(var(--_space) * 0.75);
    font-size: 0.9em;
  }
  .divider::before,
  .divider::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--_border);
  }
  .buttons {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  a.button {
    width: 100%;
  }
  .badge {
    margin-inline-start: 4px;
  }
  .alert {
    margin-bottom: calc(var(--_space) * 0.75);
  }
`;
